/**
 * User accounts managed by the administrator: bcrypt-hashed passwords in the system graph
 * store, the first administrator created on first start, and the admin REST API.
 */
package dev.aigov.web.account;
