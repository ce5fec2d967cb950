/**
 * The report's own script, the only one its Content-Security-Policy allows (by hash): filter teams by
 * name or group everywhere in the page, order the heatmap, and sort tables by a column. It reads only the page's own
 * data-* attributes and text, and builds no markup of its own: the only markup it inserts is the
 * team sections that a large report carries as data (see materialise).
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var nameInput = document.getElementById('team-filter');
  var groupSelect = document.getElementById('group-filter');
  var counter = document.getElementById('filter-count');
  var sortSelect = document.getElementById('heatmap-sort');

  function matches(element, text, group) {
    var name = (element.getAttribute('data-name') || element.getAttribute('data-team') || '').toLowerCase();
    var id = (element.getAttribute('data-team') || '').toLowerCase();
    var ownGroup = element.getAttribute('data-group') || '';
    var textOk = text === '' || name.indexOf(text) !== -1 || id.indexOf(text) !== -1;
    return textOk && (group === '' || ownGroup === group);
  }

  function translateY(transform) {
    var match = /translate\(\s*[-\d.]+[ ,]+([-\d.]+)\s*\)/.exec(transform || '');
    return match ? Number(match[1]) : 0;
  }

  function meanLevel(row) {
    var cells = row.querySelectorAll('[data-level]');
    if (cells.length === 0) return -1;
    var sum = 0;
    for (var c = 0; c < cells.length; c++) sum += Number(cells[c].getAttribute('data-level'));
    return sum / cells.length;
  }

  /* Rows and group headers are stacked <g> elements placed by translate(0,y). Their first place,
     height and order are noted once, so any later order or filter can be laid out from them. */
  function prepareHeatmap(svg) {
    if (svg.hasAttribute('data-full-height')) return;
    svg.setAttribute('data-full-height', svg.getAttribute('height') || '');
    svg.setAttribute('data-full-viewbox', svg.getAttribute('viewBox') || '');
    var items = svg.querySelectorAll('g.hm-row, g.hm-group');
    var last = 0;
    for (var i = 0; i < items.length; i++) {
      var y = translateY(items[i].getAttribute('transform'));
      var next = i + 1 < items.length ? translateY(items[i + 1].getAttribute('transform')) - y : last;
      last = next > 0 ? next : last;
      items[i].setAttribute('data-order', String(i));
      items[i].setAttribute('data-y0', String(y));
      items[i].setAttribute('data-h', String(last));
      if (items[i].getAttribute('class') === 'hm-row') items[i].setAttribute('data-mean', String(meanLevel(items[i])));
    }
  }

  /* Grouped: the original order with its group headers. Otherwise rows by name or by mean level (highest first) without headers. */
  function orderHeatmap(svg, mode) {
    var items = Array.prototype.slice.call(svg.querySelectorAll('g.hm-row, g.hm-group'));
    var byOrder = function (a, b) { return Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order')); };
    var byName = function (a, b) { return (a.getAttribute('data-name') || '').localeCompare(b.getAttribute('data-name') || ''); };
    var byLevel = function (a, b) { return Number(b.getAttribute('data-mean')) - Number(a.getAttribute('data-mean')) || byName(a, b); };
    items.sort(mode === 'level' ? function (a, b) { return headerFirst(a, b) || byLevel(a, b); } : mode === 'name' ? function (a, b) { return headerFirst(a, b) || byName(a, b); } : byOrder);
    for (var i = 0; i < items.length; i++) items[i].parentNode.appendChild(items[i]);
  }

  function headerFirst(a, b) {
    var ah = a.getAttribute('class') === 'hm-group' ? 0 : 1;
    var bh = b.getAttribute('class') === 'hm-group' ? 0 : 1;
    return ah - bh;
  }

  /* Filtering hides rows (and groups left empty) and moves the rest up, so the chart keeps no holes. */
  function relayoutHeatmap(svg, text, group, grouped) {
    var items = svg.querySelectorAll('g.hm-row, g.hm-group');
    if (items.length === 0) return 0;
    var visibleInGroup = {};
    for (var r = 0; r < items.length; r++) {
      var row = items[r];
      if (row.getAttribute('class') === 'hm-row' && matches(row, text, group)) visibleInGroup[row.getAttribute('data-group') || ''] = true;
    }
    var top = Infinity;
    for (var t = 0; t < items.length; t++) top = Math.min(top, Number(items[t].getAttribute('data-y0')));
    var cursor = top;
    var hidden = 0;
    var shown = 0;
    for (var j = 0; j < items.length; j++) {
      var item = items[j];
      var height = Number(item.getAttribute('data-h'));
      var isRow = item.getAttribute('class') === 'hm-row';
      var visible = isRow ? matches(item, text, group) : grouped && visibleInGroup[item.getAttribute('data-group') || ''] === true;
      if (visible) {
        item.removeAttribute('display');
        item.setAttribute('transform', 'translate(0,' + cursor + ')');
        cursor += height;
        if (isRow) shown++;
      } else {
        item.setAttribute('display', 'none');
        hidden += height;
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
    var mode = sortSelect ? sortSelect.value : 'group';
    var heatmaps = document.querySelectorAll('.chart.heatmap > svg');
    for (var h = 0; h < heatmaps.length; h++) {
      var svg = heatmaps[h];
      prepareHeatmap(svg);
      if (svg.getAttribute('data-order-mode') !== mode) {
        orderHeatmap(svg, mode);
        svg.setAttribute('data-order-mode', mode);
      }
      shown = relayoutHeatmap(svg, text, group, mode === 'group');
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

  /* A large report carries each team section's body as a JSON string of the markup the generator
     wrote (escaped like the rest of the page); it is turned into elements when the section nears the
     screen, or all at once before printing. */
  function materialise(section) {
    var data = document.getElementById('body-' + section.getAttribute('data-team'));
    if (!data) return;
    var template = document.createElement('template');
    template.innerHTML = JSON.parse(data.textContent || '""');
    section.appendChild(template.content);
    data.parentNode.removeChild(data);
    section.classList.remove('lazy');
  }

  function materialiseAll() {
    var lazy = document.querySelectorAll('section.team.lazy');
    for (var i = 0; i < lazy.length; i++) materialise(lazy[i]);
  }

  var lazySections = document.querySelectorAll('section.team.lazy');
  if (lazySections.length > 0) {
    if ('IntersectionObserver' in window) {
      var observer = new IntersectionObserver(function (entries) {
        for (var e = 0; e < entries.length; e++) {
          if (entries[e].isIntersecting) {
            observer.unobserve(entries[e].target);
            materialise(entries[e].target);
          }
        }
      }, { rootMargin: '1500px 0px' });
      for (var l = 0; l < lazySections.length; l++) observer.observe(lazySections[l]);
    } else {
      materialiseAll();
    }
    window.addEventListener('beforeprint', materialiseAll);
    window.addEventListener('hashchange', function () {
      var target = document.getElementById(location.hash.slice(1));
      if (target && target.classList.contains('lazy')) materialise(target);
    });
  }

  if (nameInput) nameInput.addEventListener('input', applyFilter);
  if (groupSelect) groupSelect.addEventListener('change', applyFilter);
  if (sortSelect) sortSelect.addEventListener('change', applyFilter);
  if (sortSelect && sortSelect.value !== 'group') applyFilter();
  enableSorting();
})();
`;
