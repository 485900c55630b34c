// The UI's only script. Pages work without it (forms post, links navigate); with it,
// charts and the lineage graph are drawn from JSON the server put in data attributes,
// never from markup, and the libraries load only on pages that need them.
(function () {
	'use strict';

	function load(src) {
		return new Promise(function (resolve, reject) {
			var script = document.createElement('script');
			script.src = src;
			script.onload = resolve;
			script.onerror = reject;
			document.head.appendChild(script);
		});
	}

	function drawCharts(root) {
		var canvases = root.querySelectorAll('canvas.chart[data-chart]');
		if (!canvases.length) {
			return;
		}
		load('/webjars/chart.js/dist/chart.umd.min.js').then(function () {
			canvases.forEach(function (canvas) {
				if (canvas.dataset.drawn) {
					return;
				}
				canvas.dataset.drawn = 'true';
				var spec = JSON.parse(canvas.dataset.chart);
				var counts = spec.datasets.every(function (d) {
					return d.data.every(function (v) { return v === null || Number.isInteger(v); });
				});
				new window.Chart(canvas, {
					type: spec.type,
					data: {
						labels: spec.labels,
						datasets: spec.datasets.map(function (d) {
							return { label: d.label, data: d.data, backgroundColor: d.color, borderColor: d.color };
						})
					},
					options: {
						animation: false,
						maintainAspectRatio: false,
						scales: {
							x: { stacked: spec.stacked },
							y: {
								stacked: spec.stacked, beginAtZero: true, max: spec.max === null ? undefined : spec.max,
								ticks: counts ? { precision: 0 } : {}
							}
						}
					}
				});
			});
		});
	}

	var KIND_COLOURS = {
		'ai-system': '#6c3483', 'model': '#2e6fba', 'model-version': '#1b4f72', 'dataset': '#117a65',
		'dataset-version': '#16a085', 'base-model': '#5d6d7e', 'training-run': '#d68910', 'evaluation': '#b9770e',
		'approval': '#1e8449', 'deployment': '#2874a6', 'incident': '#c0392b'
	};

	function drawLineage(root) {
		var container = root.querySelector('#lineage-graph[data-elements]');
		if (!container) {
			return;
		}
		load('/webjars/cytoscape/dist/cytoscape.min.js').then(function () {
			var graph = window.cytoscape({
				container: container,
				elements: JSON.parse(container.dataset.elements),
				layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 10 },
				wheelSensitivity: 0.3,
				style: [
					{ selector: 'node', style: {
						'label': 'data(label)', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': 120,
						'text-valign': 'bottom', 'text-margin-y': 4, 'width': 22, 'height': 22,
						'background-color': function (n) { return KIND_COLOURS[n.data('kind')] || '#888'; } } },
					{ selector: 'node[?root]', style: { 'width': 34, 'height': 34, 'border-width': 3, 'border-color': '#f4d03f' } },
					{ selector: 'edge', style: {
						'width': 1.5, 'line-color': '#aab', 'target-arrow-color': '#aab', 'target-arrow-shape': 'triangle',
						'curve-style': 'bezier', 'label': 'data(label)', 'font-size': 9, 'color': '#667' } }
				]
			});
			graph.on('tap', 'node', function (event) {
				window.location.href = event.target.data('href');
			});
			graph.on('mouseover', 'node', function () { container.style.cursor = 'pointer'; });
			graph.on('mouseout', 'node', function () { container.style.cursor = ''; });
		});
	}

	function init(root) {
		drawCharts(root);
		drawLineage(root);
	}

	document.addEventListener('DOMContentLoaded', function () {
		init(document);
		// Partial pages loaded by htmx may hold charts too.
		document.body.addEventListener('htmx:afterSwap', function (event) { init(event.target); });
	});
}());
