// Offline stand-in for RequireJS, loaded after plotly.js.
// Plotly.NET.Interactive's chart outputs ask RequireJS for 'plotly' (from a CDN) and load RequireJS itself from a CDN
// when it is missing. These pages must render with no network: plotly.js is loaded by a <script> tag from assets/, and
// this stand-in hands it to the chart scripts, which then draw at once.
(function () {
  'use strict';
  if (typeof window.requirejs === 'function' && typeof window.requirejs.config === 'function') return;
  var modules = { plotly: function () { return window.Plotly; } };
  function load(deps, callback) {
    var resolved = (deps || []).map(function (name) {
      var get = modules[name];
      if (!get) throw new Error('course.js: no offline module named ' + name);
      return get();
    });
    if (typeof callback === 'function') callback.apply(window, resolved);
  }
  load.config = function () { return load; };
  window.requirejs = load;
  if (typeof window.require !== 'function') window.require = load;
})();
