"""Catalogue documentation generated from the blueprints and their compiled modules.

``catalogue.build`` turns compiled blueprints into Markdown pages (and DOT
diagram sources); ``diagram`` draws each blueprint's module-level graph as
Mermaid and DOT; the hand-written pattern prose lives in ``patterns/<slug>.md``
and the page layouts in ``templates/``. ``plgen docs`` writes or checks them.
"""
