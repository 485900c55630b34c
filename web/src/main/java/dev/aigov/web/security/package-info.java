/**
 * Authentication and authorization: roles, filter chains, OIDC role mapping and the
 * problem+json answers for 401 and 403.
 */
package dev.aigov.web.security;
