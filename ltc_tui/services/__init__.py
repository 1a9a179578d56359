"""The rules of the LTC method and the queries behind every view.

Plain functions that take a session first and keyword arguments after,
return records or plain data, and raise ``ltc_tui.errors`` errors. The
CLI, the app and the tests all call these; none of them builds a query.
Nothing here imports Textual (a test checks).
"""
