"""The staff web view: Datasette over the bot's SQLite file, read-only, staff-only, in Korean.

    python bot.py web [--port 8001]          serve on 127.0.0.1 (docs/staff-web.md: behind HTTPS)
    python bot.py web hash-password          make a password hash for STAFF_WEB_ACCOUNTS

metadata.yaml holds the titles, descriptions, facets, hidden tables and canned queries (Korean, beside
the code); server.py builds the Datasette instance; plugin.py holds the few hooks: login required for
everything, Korean program names as an SQL function, the front page's list of queries.
"""
