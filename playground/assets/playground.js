// Boots GraphiQL from a separate file (not an inline <script>) so the page's
// Content-Security-Policy can forbid inline scripts entirely. Configuration
// arrives via data-* attributes that the Go handler renders.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  var cfg = root.dataset;
  var props = {
    // Resolve against the page so a relative endpoint works under any mount point.
    fetcher: GraphiQL.createFetcher({ url: new URL(cfg.endpoint, window.location.href).toString() }),
    // Open the headers tab so `Authorization: Bearer ...` is one click away.
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers',
    // Never write bearer tokens to localStorage.
    shouldPersistHeaders: false
  };
  if (cfg.defaultQuery) {
    props.defaultQuery = cfg.defaultQuery;
  }
  root.textContent = '';
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
