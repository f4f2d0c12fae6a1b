"""``lint-request batch``: the pre-send check of a CRM export (CSV, XLSX, JSONL).

Reading and sniffing (``sniff``, ``csv_table``, ``xlsx_table``, ``jsonl_table``),
column mapping (``columns``), per-row checks in worker processes (``rows``,
``check``, ``recipient``), template clustering (``fingerprint``, ``clusters``),
and the run with its summary (``run``, ``summary``). Imported only by the
batch command, never by ``linter.cli`` at start-up.
"""
