/**
 * The report's own script, the only one its Content-Security-Policy allows (by hash): filter teams by
 * name or group everywhere in the page, and sort tables by a column. It reads only the page's own
 * data-* attributes and text; it builds no HTML from strings.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var nameInput = document.getElementById('team-filter');
  var groupSelect = document.getElementById('group-filter');
  var counter = document.getElementById('filter-count');

  function matches(element, text, group) {
    var name = (element.getAttribute('data-name') || element.getAttribute('data-team') || '').toLowerCase();
    var id = (element.getAttribute('data-team') || '').toLowerCase();
    var ownGroup = element.getAttribute('data-group') || '';
    var textOk = text === '' || name.indexOf(text) !== -1 || id.indexOf(text) !== -1;
    return textOk && (group === '' || ownGroup === group);
  }

  function translateY(element) {
    var match = /translate\(\s*[-\d.]+[ ,]+([-\d.]+)\s*\)/.exec(element.getAttribute('data-y0') || '');
    return match ? Number(match[1]) : 0;
  }

  /* Rows and group headers of the heatmap are stacked <g> elements placed by translate(0,y); filtering
     hides some and moves the rest up, so the chart keeps no holes, and shrinks the drawing to fit. */
  function relayoutHeatmap(svg, text, group) {
    var items = svg.querySelectorAll('g.hm-row, g.hm-group');
    if (items.length === 0) return 0;
    for (var i = 0; i < items.length; i++) {
      if (!items[i].hasAttribute('data-y0')) items[i].setAttribute('data-y0', items[i].getAttribute('transform') || '');
    }
    var heights = [];
    for (var k = 0; k < items.length; k++) {
      var next = k + 1 < items.length ? translateY(items[k + 1]) - translateY(items[k]) : 0;
      heights.push(next > 0 ? next : heights.length > 0 ? heights[heights.length - 1] : 0);
    }
    var visibleInGroup = {};
    for (var r = 0; r < items.length; r++) {
      var row = items[r];
      if (row.getAttribute('class') === 'hm-row' && matches(row, text, group)) visibleInGroup[row.getAttribute('data-group') || ''] = true;
    }
    var cursor = translateY(items[0]);
    var hidden = 0;
    var shown = 0;
    for (var j = 0; j < items.length; j++) {
      var item = items[j];
      var isRow = item.getAttribute('class') === 'hm-row';
      var visible = isRow ? matches(item, text, group) : visibleInGroup[item.getAttribute('data-group') || ''] === true;
      if (visible) {
        item.removeAttribute('display');
        item.setAttribute('transform', 'translate(0,' + cursor + ')');
        cursor += heights[j];
        if (isRow) shown++;
      } else {
        item.setAttribute('display', 'none');
        hidden += heights[j];
      }
    }
    var fullHeight = Number(svg.getAttribute('data-full-height'));
    var box = (svg.getAttribute('data-full-viewbox') || '').split(' ');
    if (fullHeight > 0) svg.setAttribute('height', String(fullHeight - hidden));
    if (box.length === 4) svg.setAttribute('viewBox', box[0] + ' ' + box[1] + ' ' + box[2] + ' ' + (Number(box[3]) - hidden));
    return shown;
  }

  function applyFilter() {
    var text = nameInput ? nameInput.value.trim().toLowerCase() : '';
    var group = groupSelect ? groupSelect.value : '';
    var shown = 0;
    var heatmaps = document.querySelectorAll('.chart.heatmap svg');
    for (var h = 0; h < heatmaps.length; h++) {
      var svg = heatmaps[h];
      if (!svg.hasAttribute('data-full-height')) {
        svg.setAttribute('data-full-height', svg.getAttribute('height') || '');
        svg.setAttribute('data-full-viewbox', svg.getAttribute('viewBox') || '');
      }
      shown = relayoutHeatmap(svg, text, group);
    }
    var filtered = document.querySelectorAll('[data-filterable] [data-team]');
    for (var i = 0; i < filtered.length; i++) filtered[i].hidden = !matches(filtered[i], text, group);
    var sections = document.querySelectorAll('section.team');
    var teams = 0;
    for (var s = 0; s < sections.length; s++) {
      var visible = matches(sections[s], text, group);
      sections[s].hidden = !visible;
      if (visible) teams++;
    }
    if (counter) counter.textContent = teams + ' of ' + sections.length + ' teams shown';
    return shown;
  }

  function cellValue(row, column) {
    var cell = row.cells[column];
    if (!cell) return '';
    var raw = cell.getAttribute('data-sort');
    return raw !== null ? raw : cell.textContent.trim();
  }

  function compareValues(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y)) return x - y;
    return a.localeCompare(b);
  }

  function sortTable(table, column, header) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    for (var i = 0; i < headers.length; i++) headers[i].removeAttribute('aria-sort');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compareValues(cellValue(r1, column), cellValue(r2, column));
      return ascending ? order : -order;
    });
    for (var r = 0; r < rows.length; r++) body.appendChild(rows[r]);
  }

  function enableSorting() {
    var tables = document.querySelectorAll('table.sortable');
    for (var t = 0; t < tables.length; t++) {
      (function (table) {
        if (!table.tHead) return;
        var headers = table.tHead.rows[0].cells;
        for (var c = 0; c < headers.length; c++) {
          (function (header, column) {
            header.addEventListener('click', function () { sortTable(table, column, header); });
          })(headers[c], c);
        }
      })(tables[t]);
    }
  }

  if (nameInput) nameInput.addEventListener('input', applyFilter);
  if (groupSelect) groupSelect.addEventListener('change', applyFilter);
  enableSorting();
})();
`;
