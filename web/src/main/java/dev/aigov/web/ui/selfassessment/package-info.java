/**
 * The self-assessment checklist pages: the guide's table 1 per AI system, with history.
 */
package dev.aigov.web.ui.selfassessment;
