"""The web page at GET / and its JSON endpoints (issue 17).

`routes` is included by `linter.serve.app.create_app` after the LanguageTool API routes.
"""

routes: list = []
