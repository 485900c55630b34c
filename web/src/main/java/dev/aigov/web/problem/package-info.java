/**
 * The REST API's one error vocabulary: RFC 9457 problem details for every failure.
 */
package dev.aigov.web.problem;
