"""``factdiff serve``: a web application over the store (stories, story, article and outlet pages).

:func:`factdiff.serve.app.create_app` builds it; :mod:`factdiff.serve.data` holds the data of every
page (shared by the HTML page and its JSON twin); :mod:`factdiff.serve.cache` keeps each story's
comparison in the store. See docs/serve.md.
"""
