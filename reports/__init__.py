"""The staff report: a week's figures from the enquiry store, drawn as a PNG and an HTML page.

    figures = collect(db, until=now, days=7, kb=kb)   # figures.py: read-only SQL over the bot's database
    png = render_png(figures, texts)                    # charts.py: matplotlib, Korean font from fonts.py
    page = render_html(figures, png, texts)             # page.py: one self-contained HTML file

Texts (titles, labels) live in texts.yaml beside this file.
"""
