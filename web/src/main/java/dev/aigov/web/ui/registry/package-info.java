/**
 * Pages over the résumé: the inventory, a model version's résumé with its approval
 * workflow, any entity with its revisions, and the registration forms.
 */
package dev.aigov.web.ui.registry;
