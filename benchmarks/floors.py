"""Baselines for the bulk figures: the same work done with the standard library only.

    python benchmarks/floors.py import FILE.csv OUT.db
        read the CSV with the csv module and insert every row with one
        sqlite3 executemany, in one transaction (the import floor);
    python benchmarks/floors.py export DB OUT.csv
        write the leads, with their customer and people, from sqlite3 with
        the csv module (the export floor).

Imports nothing but the standard library, on purpose.
"""

from __future__ import annotations

import csv
import sqlite3
import sys


def raw_import(source: str, target: str) -> int:
    with open(source, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    columns = ", ".join(f'"{name}" TEXT' for name in header)
    marks = ", ".join("?" for _ in header)
    conn = sqlite3.connect(target)
    conn.execute(f"CREATE TABLE lead (id INTEGER PRIMARY KEY, {columns})")
    with conn:
        conn.executemany(f"INSERT INTO lead ({', '.join(chr(34) + h + chr(34) for h in header)}) VALUES ({marks})",
                         rows)
    conn.close()
    return len(rows)


# The rows and columns `ltc export` writes for leads (41 columns: the lead file,
# its customer, contact and people by name), read with plain joins.
EXPORT_SQL = """
SELECT lead.id, lead.external_id, lead.title, customer.name, customer.standing, customer.industry,
       customer.region, contact.name, contact.email, contact.phone, contact.job_title, lead.need, lead.source,
       submitter.handle, lead.submitted_on, lead.expected_amount_cents, lead.currency, lead.expected_start,
       lead.has_offer, lead.new_product, lead.new_solution, lead.new_business_model, lead.tier,
       lead.tier_override, lead.tier_override_reason, lead.lead_class, lead.temperature, lead.priority,
       lead.status, owner.handle, ar.handle, sr.handle, fr.handle, lead.next_review_on, lead.close_reason,
       lead.closed_on, lead.budget_cents, lead.budget_start, lead.nurture_pass, lead.assigned_at,
       lead.last_activity_at
FROM lead
JOIN customer ON customer.id = lead.customer_id
LEFT JOIN contact ON contact.id = lead.contact_id
JOIN person AS submitter ON submitter.id = lead.submitter_id
LEFT JOIN person AS owner ON owner.id = lead.owner_id
LEFT JOIN person AS ar ON ar.id = lead.ar_id
LEFT JOIN person AS sr ON sr.id = lead.sr_id
LEFT JOIN person AS fr ON fr.id = lead.fr_id
ORDER BY lead.id
"""


def raw_export(source: str, target: str) -> int:
    conn = sqlite3.connect(source)
    cursor = conn.execute(EXPORT_SQL)
    count = 0
    with open(target, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([d[0] for d in cursor.description])
        for row in cursor:
            writer.writerow(row)
            count += 1
    conn.close()
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("import", "export"):
        sys.stderr.write(__doc__)
        return 2
    kind, source, target = argv
    (raw_import if kind == "import" else raw_export)(source, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
