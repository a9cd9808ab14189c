"""``factdiff serve``: a web application over the store (stories, story, article and outlet pages).

- :mod:`factdiff.serve.app` builds the application (routes, the HTML pages and their JSON twins);
- :mod:`factdiff.serve.data` holds the data of every page, shared by the page and its twin;
- :mod:`factdiff.serve.cache` keeps each story's comparison, and its verdicts, in the store;
- :mod:`factdiff.serve.views` and :mod:`factdiff.serve.chart` render (escaped) HTML and SVG;
- :mod:`factdiff.serve.guard` holds the security headers and the write rules;
- :mod:`factdiff.serve.writer` runs adds (pages fetched by :mod:`factdiff.fetch`) one at a time.

See docs/serve.md.
"""
