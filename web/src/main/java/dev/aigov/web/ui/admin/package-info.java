/**
 * Administration pages: user accounts and roles, and the signing key.
 */
package dev.aigov.web.ui.admin;
