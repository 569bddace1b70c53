'use strict';
// The operator dashboard (bảng điều khiển): a thin page over the report API. Every figure shown comes from the
// same /api/v1/reports/* answers an operator gets with curl; exports are those figures as CSV. No framework, no
// CDN: the server may have no internet.

const TEXT = {
  vi: {
    title: 'Hài Lòng — bảng điều khiển', overview: 'Tổng quan', rankings: 'Xếp hạng', weak: 'Điểm yếu',
    late: 'Hồ sơ trễ hạn', terminals: 'Thiết bị', other: 'English', logout: 'Đăng xuất',
    loginTitle: 'Đăng nhập', token: 'Mã truy cập (VIEWER hoặc ADMIN)', login: 'Đăng nhập',
    badToken: 'Mã truy cập không đúng.', from: 'Từ ngày', to: 'Đến ngày', agency: 'Cơ quan (mã)', apply: 'Xem',
    satisfactionRate: 'Tỷ lệ hài lòng', sipas: 'SIPAS (khảo sát tại quầy)', rate766: 'Tỷ lệ hài lòng (Bộ chỉ số 766)',
    onTimeRate: 'Tỷ lệ đúng hạn', complianceRate: 'Tuân thủ xin lỗi', responseRate: 'Tỷ lệ đánh giá',
    vsPrevious: 'so với kỳ trước', points: 'điểm', basedOn: 'trên', ratings: 'đánh giá', respondents: 'người trả lời',
    dossiers: 'hồ sơ', lateDossiers: 'hồ sơ trễ', trend: 'Theo tháng (12 tháng)', elements: 'Chỉ số thành phần SIPAS',
    element: 'Yếu tố', index: 'Chỉ số', answers: 'Số trả lời', noData: 'Chưa có số liệu.',
    bySipas: 'Xếp hạng theo SIPAS', bySatisfaction: 'Xếp hạng theo tỷ lệ hài lòng', top: 'Cao nhất', bottom: 'Thấp nhất',
    rank: 'Hạng', code: 'Mã', counted: 'Số đánh giá', smallSample: 'mẫu nhỏ (dưới 30)',
    reasons: 'Yếu tố bị chê nhiều nhất (đánh giá không hài lòng)', expectations: 'Mong đợi của người dân',
    counters: 'Quầy có nhiều đánh giá không hài lòng', officers: 'Cán bộ có nhiều đánh giá không hài lòng',
    dissatisfied: 'Không hài lòng', reRatings: 'Đánh giá lại', key: 'Nhóm', counter: 'Quầy', officer: 'Cán bộ',
    flag: 'Cờ', all: 'Tất cả', dueAt: 'Hạn trả', returnedAt: 'Ngày trả', responsibleAgency: 'Cơ quan chịu trách nhiệm',
    flags: 'Cờ', dueBy: 'Hạn trả đến ngày', agencyCode: 'Cơ quan', officerId: 'Cán bộ', procedureCode: 'Thủ tục', repeated: 'Cán bộ trễ hạn nhiều lần', lateCount: 'Số hồ sơ trễ', details: 'Chi tiết hồ sơ',
    terminalId: 'Thiết bị', lastSeen: 'Lần cuối', pending: 'Chờ gửi', panel: 'Bàn phím', gaps: 'Thiếu số thứ tự',
    skew: 'Lệch giờ (giây)', stale: 'Không liên lạc quá 15 phút', exportCsv: 'Tải CSV', exportXlsx: 'Tải XLSX', loading: 'Đang tải…',
    error: 'Lỗi', procedure: 'Thủ tục', count: 'Số lần',
    receivedAt: 'Ngày nhận', importedAt: 'Ngày nhập', complaints: 'Phản ánh, kiến nghị', exemption: 'Miễn trừ',
    timeliness: 'Tiến độ', EARLY: 'Trả trước hạn', ON_TIME: 'Trả đúng hạn', LATE: 'Trả trễ hạn', OPEN: 'Chưa trả',
    apologyLetters: 'Phiếu xin lỗi', issuedAt: 'Ngày phát hành', reason: 'Lý do', newDueAt: 'Hẹn trả mới',
    steps: 'Các bước xử lý', completedAt: 'Hoàn thành', finding: 'Kết quả kiểm tra phiếu xin lỗi',
    notLate: 'Không trễ hạn tại thời điểm xem.', countedRating: 'Đánh giá được tính', noRating: 'Chưa có đánh giá.',
    at: 'Thời điểm', value: 'Mức', channel: 'Kênh', none: 'Không có.', satisfied: 'Hài lòng', neutral: 'Bình thường',
  },
  en: {
    title: 'Hài Lòng — dashboard', overview: 'Overview', rankings: 'Rankings', weak: 'Weak aspects',
    late: 'Late dossiers', terminals: 'Terminals', other: 'Tiếng Việt', logout: 'Log out',
    loginTitle: 'Log in', token: 'Access token (VIEWER or ADMIN)', login: 'Log in',
    badToken: 'That access token is not valid.', from: 'From', to: 'To', agency: 'Agency (code)', apply: 'Show',
    satisfactionRate: 'Satisfaction rate', sipas: 'SIPAS (counter survey)', rate766: 'Satisfaction (766 index)',
    onTimeRate: 'On-time rate', complianceRate: 'Apology compliance', responseRate: 'Response rate',
    vsPrevious: 'vs previous period', points: 'points', basedOn: 'from', ratings: 'ratings', respondents: 'respondents',
    dossiers: 'dossiers', lateDossiers: 'late dossiers', trend: 'By month (12 months)', elements: 'SIPAS element indices',
    element: 'Element', index: 'Index', answers: 'Answers', noData: 'No data yet.',
    bySipas: 'Ranked by SIPAS', bySatisfaction: 'Ranked by satisfaction rate', top: 'Top', bottom: 'Bottom',
    rank: 'Rank', code: 'Code', counted: 'Ratings', smallSample: 'small sample (under 30)',
    reasons: 'Elements named most by dissatisfied citizens', expectations: 'What citizens expect',
    counters: 'Counters with the most dissatisfied ratings', officers: 'Officers with the most dissatisfied ratings',
    dissatisfied: 'Dissatisfied', reRatings: 'Re-ratings', key: 'Group', counter: 'Counter', officer: 'Officer',
    flag: 'Flag', all: 'All', dueAt: 'Due', returnedAt: 'Returned', responsibleAgency: 'Responsible agency',
    flags: 'Flags', dueBy: 'Due on or before', agencyCode: 'Agency', officerId: 'Officer', procedureCode: 'Procedure', repeated: 'Officers late many times', lateCount: 'Late dossiers', details: 'Dossier details',
    terminalId: 'Terminal', lastSeen: 'Last seen', pending: 'Pending', panel: 'Panel', gaps: 'Seq gaps',
    skew: 'Clock skew (s)', stale: 'Not heard from for over 15 minutes', exportCsv: 'Download CSV', exportXlsx: 'Download XLSX', loading: 'Loading…',
    error: 'Error', procedure: 'Procedure', count: 'Count',
    receivedAt: 'Received', importedAt: 'Imported', complaints: 'Complaints', exemption: 'Exemption',
    timeliness: 'Timeliness', EARLY: 'Returned early', ON_TIME: 'Returned on time', LATE: 'Returned late', OPEN: 'Not returned',
    apologyLetters: 'Apology letters', issuedAt: 'Issued', reason: 'Reason', newDueAt: 'New due date',
    steps: 'Processing steps', completedAt: 'Completed', finding: 'Apology check',
    notLate: 'Not late at the time of viewing.', countedRating: 'Counted rating', noRating: 'Not rated yet.',
    at: 'At', value: 'Value', channel: 'Channel', none: 'None.', satisfied: 'Satisfied', neutral: 'Neutral',
  },
};
const ELEMENTS = ['ACCESS', 'PROCEDURE', 'OFFICER', 'RESULT', 'FEEDBACK'];
const ELEMENT_NAMES = {
  vi: { ACCESS: 'Tiếp cận dịch vụ', PROCEDURE: 'Thủ tục hành chính', OFFICER: 'Công chức', RESULT: 'Kết quả',
        FEEDBACK: 'Tiếp nhận, xử lý góp ý' },
  en: { ACCESS: 'Access', PROCEDURE: 'Procedure', OFFICER: 'Officer', RESULT: 'Result', FEEDBACK: 'Feedback handling' },
};
const SMALL_SAMPLE = 30;
const STALE_MINUTES = 15;

let lang = localStorage.getItem('hailong.lang') === 'en' ? 'en' : 'vi';
const t = key => TEXT[lang][key] ?? key;
const $ = id => document.getElementById(id);

/** An element with attributes and children (strings become text, never HTML). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
}

const isoDate = d => d.toISOString().slice(0, 10);
function today() { return isoDate(new Date(Date.now() + 7 * 3600 * 1000)); }   // Asia/Ho_Chi_Minh
function addDays(date, days) { const d = new Date(date + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + days); return isoDate(d); }
function daysBetween(a, b) { return Math.round((new Date(b + 'T00:00:00Z') - new Date(a + 'T00:00:00Z')) / 86400000); }
const fmt = v => (v === null || v === undefined) ? '—' : (typeof v === 'number' ? v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') : String(v));
/** An instant of the API (UTC) as the people at the centre read it: Vietnam's local time. */
const local = iso => iso ? new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB',
  { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }) : '—';
const pct = v => (v === null || v === undefined) ? '—' : Number(v).toFixed(2) + '%';

const filters = {
  from: sessionStorage.getItem('hailong.from') || addDays(today(), -29),
  to: sessionStorage.getItem('hailong.to') || today(),
  agency: sessionStorage.getItem('hailong.agency') || '',
};

class Unauthorized extends Error {}

/** GET a path of the API; the token stays in this browser tab (sessionStorage), never in a URL. */
async function api(path, params) {
  const query = new URLSearchParams(Object.entries(params || {}).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const response = await fetch(path + (String(query) ? '?' + query : ''), {
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem('hailong.token'), Accept: 'application/json' },
  });
  if (response.status === 401) throw new Unauthorized();
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || ('HTTP ' + response.status));
  return body;
}

/** GET one report. */
const report = (name, params) => api('/api/v1/reports/' + name, params);

const period = extra => Object.assign({ from: filters.from, to: filters.to, agency: filters.agency }, extra || {});
function previousPeriod() {
  const length = daysBetween(filters.from, filters.to) + 1;
  return { from: addDays(filters.from, -length), to: addDays(filters.from, -1), agency: filters.agency };
}
function trendPeriod() {
  const end = new Date(filters.to + 'T00:00:00Z');
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  return { from: isoDate(start), to: filters.to, agency: filters.agency, groupBy: 'month' };
}
/** The apology report's figures without its list of late dossiers (a year of a province lists tens of thousands). */
const figuresOnly = params => Object.assign({}, params, { dossiers: 'false' });

/** A table whose rows can be downloaded as CSV exactly as shown (the API's figures). */
function table(id, columns, rows, rowClass) {
  if (!rows.length) return el('p', { class: 'small', id: id + '-empty' }, t('noData'));
  const head = el('tr', {}, columns.map(c => el('th', {}, c.label)));
  const body = rows.map(r => el('tr', { class: rowClass ? rowClass(r) : null },
    columns.map(c => {
      const v = c.value(r);
      return el('td', { class: c.num ? 'num' : null }, v instanceof Node ? v : (c.format || fmt)(v));
    })));
  const cell = v => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && !/^-?[0-9.]+$/.test(s)) s = "'" + s;   // no formula injection in a spreadsheet
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const csvText = () => [columns.map(c => cell(c.label)).join(',')]
    .concat(rows.map(r => columns.map(c => {
      const v = c.raw ? c.raw(r) : c.value(r);
      return cell(v instanceof Node ? v.textContent : v);
    }).join(','))).join('\r\n') + '\r\n';
  const download = (blob, extension) => {
    const link = el('a', { href: URL.createObjectURL(blob), download: id + '-' + filters.from + '-' + filters.to + extension });
    document.body.append(link);
    link.click();
    link.remove();
  };
  const csvButton = el('button', { type: 'button', class: 'export', id: id + '-csv' }, t('exportCsv'));
  csvButton.addEventListener('click', () => download(new Blob(['\ufeff' + csvText()], { type: 'text/csv;charset=utf-8' }), '.csv'));
  // the same cells as an Excel workbook, made by the server (fastexcel): numbers stay numbers
  const xlsxButton = el('button', { type: 'button', class: 'export', id: id + '-xlsx' }, t('exportXlsx'));
  xlsxButton.addEventListener('click', async () => {
    const response = await fetch('/api/v1/reports/xlsx?name=' + encodeURIComponent(id), {
      method: 'POST', body: csvText(),
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem('hailong.token'), 'Content-Type': 'text/csv' },
    });
    if (response.ok) download(await response.blob(), '.xlsx');
  });
  return el('div', { class: 'table' }, el('table', { id }, el('thead', {}, head), el('tbody', {}, body)), csvButton, xlsxButton);
}

/**
 * A small line chart of a monthly series, as inline SVG: a percentage axis (its lowest value, the middle, 100 %)
 * with grid lines, and every month named under its point (month/year at the first point and at each January).
 */
function chart(points) {
  const ns = 'http://www.w3.org/2000/svg';
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const svg = svgEl('svg', { class: 'chart', viewBox: '0 0 300 84' });
  const values = points.filter(p => p.value !== null && p.value !== undefined).map(p => Number(p.value));
  if (!values.length) return svg;
  const min = Math.min(...values, 0);
  const max = Math.max(...values, 100);
  const left = 30;
  const x = i => left + 6 + i * ((300 - left - 12) / Math.max(1, points.length - 1));
  const y = v => 64 - (Number(v) - min) / (max - min || 1) * 58;
  [min, (min + max) / 2, max].forEach(v => {
    svg.append(svgEl('line', { class: 'grid', x1: left, x2: 296, y1: y(v), y2: y(v) }));
    svg.append(svgEl('text', { class: 'axis', x: left - 3, y: y(v) + 3, 'text-anchor': 'end' }, Math.round(v) + '%'));
  });
  svg.append(svgEl('polyline', { points: points.map((p, i) => p.value === null || p.value === undefined ? null
    : x(i) + ',' + y(p.value)).filter(Boolean).join(' ') }));
  points.forEach((p, i) => {
    if (p.value !== null && p.value !== undefined) {
      const dot = svgEl('circle', { cx: x(i), cy: y(p.value), r: 2.5 });
      dot.append(svgEl('title', {}, p.label + ': ' + pct(p.value)));
      svg.append(dot);
    }
    const [year, month] = p.label.split('-');
    svg.append(svgEl('text', { class: 'month', x: x(i), y: 80, 'text-anchor': 'middle' },
      i === 0 || month === '01' ? month + '/' + year.slice(2) : month));
  });
  return svg;
}

/** The last 12 months, each with the figure of a monthly row (null where the month has no data). */
function months(body, pick) {
  const byKey = Object.fromEntries((body.rows || []).map(r => [r.key, r]));
  const end = new Date(filters.to + 'T00:00:00Z');
  const out = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - i, 1));
    const key = isoDate(d).slice(0, 7);
    out.push({ label: key, value: byKey[key] ? pick(byKey[key]) : null });
  }
  return out;
}

/** One dossier as GET /api/v1/reports/dossiers/{code} gives it: record, apology check, letters, steps, counted rating. */
function dossierDetails(d) {
  const field = (k, v) => [el('dt', {}, t(k)), el('dd', { 'data-field': k }, v)];
  const r = d.countedRating;
  return el('div', { class: 'details' },
    el('h2', {}, t('details') + ': ' + d.code),
    el('dl', {}, field('agencyCode', d.agencyCode), field('procedureCode', d.procedureCode), field('officerId', fmt(d.officerId)),
      field('receivedAt', local(d.receivedAt)), field('dueAt', local(d.dueAt)), field('returnedAt', local(d.returnedAt)),
      field('timeliness', t(d.timeliness)), field('complaints', fmt(d.complaints)), field('exemption', fmt(d.exemption)),
      field('importedAt', local(d.importedAt))),
    el('h3', {}, t('finding')),
    d.apology ? el('dl', {}, field('responsibleAgency', d.apology.responsibleAgency), field('flags', d.apology.flags.join(' ')))
      : el('p', { class: 'small' }, t('notLate')),
    el('h3', {}, t('apologyLetters')),
    d.apologies.length ? table('dossier-apologies', [
      { label: t('issuedAt'), value: a => local(a.issuedAt), raw: a => a.issuedAt },
      { label: t('agency'), value: a => a.agencyCode },
      { label: t('reason'), value: a => a.reason },
      { label: t('newDueAt'), value: a => local(a.newDueAt), raw: a => a.newDueAt }], d.apologies)
      : el('p', { class: 'small' }, t('none')),
    el('h3', {}, t('steps')),
    d.steps.length ? table('dossier-steps', [
      { label: t('agency'), value: s => s.agencyCode },
      { label: t('receivedAt'), value: s => local(s.receivedAt), raw: s => s.receivedAt },
      { label: t('dueAt'), value: s => local(s.dueAt), raw: s => s.dueAt },
      { label: t('completedAt'), value: s => local(s.completedAt), raw: s => s.completedAt }], d.steps)
      : el('p', { class: 'small' }, t('none')),
    el('h3', {}, t('countedRating')),
    r ? el('dl', { id: 'counted-rating' }, field('at', local(r.at)), field('terminalId', r.terminalId), field('counter', fmt(r.counter)),
      field('officerId', fmt(r.officerId)), field('value', r.value + ' / ' + r.scale + ' · ' + t(r.ratingClass.toLowerCase())),
      field('channel', r.channel))
      : el('p', { class: 'small', id: 'counted-rating' }, t('noRating')));
}

function tile(id, name, value, previous, n, series) {
  let delta = '';
  let cls = 'delta';
  if (value !== null && value !== undefined && previous !== null && previous !== undefined) {
    const d = Number(value) - Number(previous);
    cls += d > 0 ? ' up' : d < 0 ? ' down' : '';
    delta = (d > 0 ? '▲ +' : d < 0 ? '▼ ' : '= ') + d.toFixed(2) + ' ' + t('points') + ' ' + t('vsPrevious');
  }
  return el('div', { class: 'tile', id: 'tile-' + id },
    el('div', { class: 'name' }, name),
    el('div', { class: 'value', id: id + '-value' }, pct(value)),
    el('div', { class: cls }, delta),
    el('div', { class: 'n' }, n),
    el('div', { class: 'name' }, t('trend')),
    chart(series));
}

const pages = {
  async overview() {
    const [sat, satPrev, sip, sipPrev, dos, dosPrev, apo, apoPrev, satTrend, sipTrend, dosTrend, apoTrend] = await Promise.all([
      report('satisfaction', period()), report('satisfaction', previousPeriod()),
      report('sipas', period()), report('sipas', previousPeriod()),
      report('dossiers', period()), report('dossiers', previousPeriod()),
      report('apology', figuresOnly(period())), report('apology', figuresOnly(previousPeriod())),
      report('satisfaction', trendPeriod()), report('sipas', trendPeriod()),
      report('dossiers', trendPeriod()), report('apology', figuresOnly(trendPeriod())),
    ]);
    const elementRows = ELEMENTS.map(e => ({ e, ...(sip.total.elements[e] || {}) }));
    return [
      el('h2', {}, t('overview') + ': ' + filters.from + ' → ' + filters.to + (filters.agency ? ' · ' + filters.agency : '')),
      el('div', { class: 'tiles' },
        tile('satisfactionRate', t('satisfactionRate'), sat.total.satisfactionRate, satPrev.total.satisfactionRate,
          t('basedOn') + ' ' + fmt(sat.total.counted) + ' ' + t('ratings'), months(satTrend, r => r.satisfactionRate)),
        tile('sipas', t('sipas'), sip.total.sipas, sipPrev.total.sipas,
          t('basedOn') + ' ' + fmt(sip.total.respondents) + ' ' + t('respondents'), months(sipTrend, r => r.sipas)),
        tile('rate766', t('rate766'), dos.total.rate766, dosPrev.total.rate766,
          t('basedOn') + ' ' + fmt(dos.total.returned) + ' ' + t('dossiers'), months(dosTrend, r => r.rate766)),
        tile('onTimeRate', t('onTimeRate'), dos.total.onTimeRate, dosPrev.total.onTimeRate,
          t('basedOn') + ' ' + fmt(dos.total.returned) + ' ' + t('dossiers'), months(dosTrend, r => r.onTimeRate)),
        tile('complianceRate', t('complianceRate'), apo.total.complianceRate, apoPrev.total.complianceRate,
          t('basedOn') + ' ' + fmt(apo.total.late) + ' ' + t('lateDossiers'), months(apoTrend, r => r.complianceRate)),
        tile('responseRate', t('responseRate'), dos.total.responseRate, dosPrev.total.responseRate,
          t('basedOn') + ' ' + fmt(dos.total.returned) + ' ' + t('dossiers'), months(dosTrend, r => r.responseRate))),
      el('h2', {}, t('elements')),
      table('sipas-elements', [
        { label: t('element'), value: r => ELEMENT_NAMES[lang][r.e] + ' (' + r.e + ')' },
        { label: t('index'), value: r => r.index, format: pct, num: true },
        { label: t('answers'), value: r => r.answers, num: true },
      ], elementRows),
    ];
  },

  async rankings() {
    const [sat, sip] = await Promise.all([report('satisfaction', period({ groupBy: 'agency' })),
      report('sipas', period({ groupBy: 'agency' }))]);
    const ranked = (rows, figure, count) => rows.filter(r => r[figure] !== null && r[figure] !== undefined)
      .sort((a, b) => Number(b[figure]) - Number(a[figure]) || String(a.key).localeCompare(String(b.key)))
      .map((r, i) => ({ ...r, rank: i + 1, n: r[count] }));
    const section = (id, title, rows, figure, countLabel) => {
      const columns = [
        { label: t('rank'), value: r => r.rank, num: true },
        { label: t('code'), value: r => r.key },
        { label: title, value: r => r[figure], format: pct, num: true },
        { label: countLabel, value: r => r.n, num: true },
        { label: '', value: r => r.n < SMALL_SAMPLE ? t('smallSample') : '' },
      ];
      const top = rows.slice(0, 10);
      const bottom = rows.length > 10 ? rows.slice(-10).reverse() : [];
      return [el('h2', {}, title + ' — ' + t('top')), table(id + '-top', columns, top, r => r.n < SMALL_SAMPLE ? 'small' : null),
        bottom.length ? [el('h2', {}, title + ' — ' + t('bottom')), table(id + '-bottom', columns, bottom)] : []];
    };
    return [section('rank-sipas', t('bySipas'), ranked(sip.rows, 'sipas', 'respondents'), 'sipas', t('respondents')),
      section('rank-satisfaction', t('bySatisfaction'), ranked(sat.rows, 'satisfactionRate', 'counted'),
        'satisfactionRate', t('counted'))];
  },

  async weak() {
    const [byAgency, sip, counters, officers] = await Promise.all([
      report('satisfaction', period({ groupBy: 'agency' })), report('sipas', period({ groupBy: 'agency' })),
      report('satisfaction', period({ groupBy: 'counter' })), report('satisfaction', period({ groupBy: 'officer' }))]);
    const reasonColumns = [{ label: t('code'), value: r => r.key }].concat(ELEMENTS.map(e => ({
      label: ELEMENT_NAMES[lang][e], value: r => (r.reasons || {})[e] || 0, num: true })),
    [{ label: t('dissatisfied'), value: r => r.byClass.dissatisfied, num: true }]);
    const codes = [...new Set(sip.rows.flatMap(r => Object.keys(r.expectations || {})))].sort();
    const expectationColumns = [{ label: t('code'), value: r => r.key }].concat(codes.map(c => ({
      label: c, value: r => (r.expectations || {})[c] || 0, num: true })));
    const worst = rows => rows.filter(r => r.byClass.dissatisfied > 0 || r.reRatings > 0)
      .sort((a, b) => b.byClass.dissatisfied - a.byClass.dissatisfied || b.reRatings - a.reRatings).slice(0, 20);
    return [
      el('h2', {}, t('reasons')),
      table('weak-reasons', reasonColumns, byAgency.rows.filter(r => r.byClass.dissatisfied > 0)),
      el('h2', {}, t('expectations')),
      table('weak-expectations', expectationColumns, sip.rows),
      el('h2', {}, t('counters')),
      table('weak-counters', [{ label: t('code'), value: r => r.agencyCode }, { label: t('counter'), value: r => r.key },
        { label: t('dissatisfied'), value: r => r.byClass.dissatisfied, num: true },
        { label: t('reRatings'), value: r => r.reRatings, num: true },
        { label: t('counted'), value: r => r.counted, num: true }], worst(counters.rows)),
      el('h2', {}, t('officers')),
      table('weak-officers', [{ label: t('officer'), value: r => r.key ?? '—' },
        { label: t('dissatisfied'), value: r => r.byClass.dissatisfied, num: true },
        { label: t('reRatings'), value: r => r.reRatings, num: true },
        { label: t('counted'), value: r => r.counted, num: true }], worst(officers.rows)),
    ];
  },

  async late() {
    const body = await report('apology', period());
    // the table's own filters, kept for the tab: flag, agency, officer, due on or before a date
    const filter = Object.fromEntries(['flag', 'agency', 'officer', 'due'].map(k => [k, sessionStorage.getItem('hailong.late.' + k) || '']));
    const rows = body.total.dossiers.filter(d => (!filter.flag || d.flags.includes(filter.flag))
      && (!filter.agency || d.agencyCode === filter.agency || d.responsibleAgency === filter.agency)
      && (!filter.officer || d.officerId === filter.officer)
      && (!filter.due || d.dueAt.slice(0, 10) <= filter.due));
    const keep = (key, input) => input.addEventListener('change', () => {
      sessionStorage.setItem('hailong.late.' + key, input.value.trim());
      show();
    });
    const select = el('select', { id: 'flag-filter' }, el('option', { value: '' }, t('all')),
      Object.keys(body.total.flags).map(f => el('option', { value: f, selected: f === filter.flag }, f)));
    keep('flag', select);
    const agencyInput = el('input', { id: 'agency-filter', value: filter.agency, size: 12 });
    keep('agency', agencyInput);
    const officerInput = el('input', { id: 'officer-filter', value: filter.officer, size: 10 });
    keep('officer', officerInput);
    const dueInput = el('input', { id: 'due-filter', type: 'date', value: filter.due });
    keep('due', dueInput);
    const detail = el('div', { id: 'dossier-details' });
    const link = d => {
      const a = el('a', { href: '#late', 'data-code': d.code }, d.code);
      a.addEventListener('click', async e => {
        e.preventDefault();
        detail.replaceChildren(el('p', { class: 'small' }, t('loading')));
        try {
          detail.replaceChildren(dossierDetails(await api('/api/v1/reports/dossiers/' + encodeURIComponent(d.code))));
        } catch (failure) {
          detail.replaceChildren(el('p', { class: 'error' }, t('error') + ': ' + failure.message));
        }
      });
      return a;
    };
    return [
      el('h2', {}, t('late') + ': ' + fmt(body.total.late) + ' · ' + t('complianceRate') + ' ' + pct(body.total.complianceRate)),
      el('p', {}, el('label', {}, t('flag') + ' ', select), ' ', el('label', {}, t('agency') + ' ', agencyInput), ' ',
        el('label', {}, t('officer') + ' ', officerInput), ' ', el('label', {}, t('dueBy') + ' ', dueInput)),
      table('late-dossiers', [
        { label: t('code'), value: link, raw: d => d.code },
        { label: t('agency'), value: d => d.agencyCode },
        { label: t('officer'), value: d => d.officerId },
        { label: t('dueAt'), value: d => local(d.dueAt), raw: d => d.dueAt },
        { label: t('returnedAt'), value: d => local(d.returnedAt), raw: d => d.returnedAt },
        { label: t('responsibleAgency'), value: d => d.responsibleAgency },
        { label: t('flags'), value: d => d.flags.join(' ') },
      ], rows),
      detail,
      el('h2', {}, t('repeated')),
      table('late-officers', [{ label: t('officer'), value: r => r.officerId },
        { label: t('lateCount'), value: r => r.late, num: true }], body.total.repeatedLateness),
    ];
  },

  async terminals() {
    const body = await report('terminals', { agency: filters.agency });
    const stale = r => !r.lastSeen || Date.now() - Date.parse(r.lastSeen) > STALE_MINUTES * 60000;
    return [
      el('h2', {}, t('terminals')),
      el('p', { class: 'small' }, t('stale')),
      table('terminals-table', [
        { label: t('terminalId'), value: r => r.terminalId },
        { label: t('agency'), value: r => r.agencyCode },
        { label: t('counter'), value: r => r.counter },
        { label: t('lastSeen'), value: r => local(r.lastSeen), raw: r => r.lastSeen },
        { label: t('pending'), value: r => r.pending, num: true },
        { label: t('panel'), value: r => r.panel },
        { label: t('gaps'), value: r => r.gaps.map(g => g.from + '–' + g.to).join(', ') },
        { label: t('skew'), value: r => r.clockSkewSeconds, num: true },
      ], body.rows || body, r => stale(r) ? 'stale' : null),
    ];
  },
};

function labels() {
  document.documentElement.lang = lang;
  document.title = t('title');
  $('title').textContent = t('title');
  document.querySelectorAll('#nav a').forEach(a => { a.textContent = t(a.dataset.page); });
  $('lang').textContent = t('other');
  $('logout').textContent = t('logout');
  $('login-title').textContent = t('loginTitle');
  $('token-label').textContent = t('token');
  $('login-button').textContent = t('login');
  ['from', 'to', 'agency'].forEach(k => { $(k + '-label').textContent = t(k); });
  $('apply').textContent = t('apply');
}

function signedIn(yes) {
  $('login').hidden = yes;
  $('nav').hidden = !yes;
  $('filters').hidden = !yes;
  $('logout').hidden = !yes;
  if (!yes) $('page').replaceChildren();
}

async function show() {
  labels();
  if (!sessionStorage.getItem('hailong.token')) { signedIn(false); return; }
  signedIn(true);
  const name = pages[location.hash.slice(1)] ? location.hash.slice(1) : 'overview';
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === name));
  $('from').value = filters.from; $('to').value = filters.to; $('agency').value = filters.agency;
  const page = $('page');
  page.dataset.state = 'loading';
  page.replaceChildren(el('p', { class: 'small' }, t('loading')));
  try {
    const content = await pages[name]();
    page.replaceChildren(...content.flat(2));
    page.dataset.page = name;
    page.dataset.state = 'ready';
  } catch (e) {
    if (e instanceof Unauthorized) {
      sessionStorage.removeItem('hailong.token');
      signedIn(false);
      $('login-error').textContent = t('badToken');
      return;
    }
    page.replaceChildren(el('p', { class: 'error', id: 'page-error' }, t('error') + ': ' + e.message));
    page.dataset.state = 'error';
  }
}

$('login-form').addEventListener('submit', async e => {
  e.preventDefault();
  sessionStorage.setItem('hailong.token', $('token').value.trim());
  $('token').value = '';
  try {
    await report('terminals', {});        // any role may read reports: the token is checked here
    $('login-error').textContent = '';
  } catch (err) {
    sessionStorage.removeItem('hailong.token');
    $('login-error').textContent = err instanceof Unauthorized ? t('badToken') : t('error') + ': ' + err.message;
  }
  show();
});
$('filter-form').addEventListener('submit', e => {
  e.preventDefault();
  filters.from = $('from').value; filters.to = $('to').value; filters.agency = $('agency').value.trim();
  Object.entries(filters).forEach(([k, v]) => sessionStorage.setItem('hailong.' + k, v));
  show();
});
$('lang').addEventListener('click', () => { lang = lang === 'vi' ? 'en' : 'vi'; localStorage.setItem('hailong.lang', lang); show(); });
$('logout').addEventListener('click', () => { sessionStorage.removeItem('hailong.token'); show(); });
window.addEventListener('hashchange', show);
show();
