"""Import and export speed, as ratios against plain Python doing the same I/O.

    python benchmarks/bench_transfer.py [ROWS] [RUNS]     (default 100000 rows, 3 runs)

Import: ``ltc import sf.csv`` (a Salesforce lead export of ROWS rows: every row a
lead and a contact, one company in ten new) in a fresh process, against fresh
processes that read the same CSV with ``csv.reader`` and insert with ``sqlite3``
``executemany`` in one transaction:
  raw/table   the 17 text cells of each row into one table without indexes;
  raw/schema  the same customers, contacts and leads into an empty ltc database
              (our tables, indexes, checks and foreign keys), no validation.
Export: ``ltc export out.csv`` of those leads against a fresh process that
selects the same rows from ``sqlite3`` (lead, customer and contact joined) and
writes them with ``csv.writer``.
Whole-process wall time and CPU time (user + system, which other work on a
shared machine disturbs less), median of RUNS; goals: import <= 3x, export <= 2x.
"""

from __future__ import annotations

import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LTC = str(Path(sys.executable).with_name("ltc"))
HEADERS = ["Id", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "LeadSource", "Status", "Rating",
           "Industry", "AnnualRevenue", "NumberOfEmployees", "Description", "CreatedDate", "City", "Country"]
SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Trade Show", "Other", "Employee Referral"]
STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]
WORDS = ["network", "upgrade", "core", "billing", "migration", "cloud", "edge", "fibre", "backhaul", "rollout", "pilot", "tender", "budget", "approved", "quarter", "renewal", "integration", "capacity", "5G", "LTE", "microwave"]

RAW_IMPORT = """
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[2])
con.execute("CREATE TABLE lead (%s)" % ", ".join("c%d TEXT" % i for i in range(17)))
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))[1:]
with con:
    con.executemany("INSERT INTO lead VALUES (%s)" % ",".join("?" * 17), rows)
"""

RAW_SCHEMA = """
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[2], isolation_level=None)
con.execute("PRAGMA foreign_keys = ON")
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))[1:]
now = "2026-01-01 00:00:00.000000"
customers, contacts, leads = {}, [], []
for i, r in enumerate(rows, start=1):
    key = r[3].casefold()
    if key not in customers:
        customers[key] = (len(customers) + 1, r[3], key, "normal", 0, 1, now, now)
    cid = customers[key][0]
    contacts.append((i, cid, r[1] + " " + r[2], r[4], r[5], r[6], "manager", "influencer", "medium", "unknown", 1, now, now))
    leads.append((i, 1, now, now, r[13][:120], cid, i, r[13], "other", 1, r[14][:10], "USD", 0, 0, 0, "C",
                  "submitted", 1, now, r[0]))
con.execute("BEGIN IMMEDIATE")
con.executemany("INSERT INTO customer (id, name, name_key, standing, budget_known, version, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?)", list(customers.values()))
con.executemany("INSERT INTO contact (id, customer_id, name, job_title, email, phone, level, decision_role, influence,"
                " attitude, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", contacts)
con.executemany("INSERT INTO lead (id, version, created_at, updated_at, title, customer_id, contact_id, need, source,"
                " submitter_id, submitted_on, currency, new_product, new_solution, new_business_model, tier, status,"
                " nurture_pass, last_activity_at, external_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", leads)
con.execute("COMMIT")
"""

RAW_EXPORT = """
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
cur = con.execute(
    "SELECT lead.*, customer.name, customer.standing, customer.industry, customer.region, contact.name, "
    "contact.email, contact.phone, contact.job_title FROM lead JOIN customer ON customer.id = lead.customer_id "
    "LEFT JOIN contact ON contact.id = lead.contact_id ORDER BY lead.id")
with open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f)
    w.writerow([d[0] for d in cur.description])
    while True:
        batch = cur.fetchmany(5000)
        if not batch:
            break
        w.writerows(batch)
"""


def make_csv(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    companies = [f"{rnd.choice(['Nor', 'Sud', 'Ost', 'West'])}{rnd.choice(['tel', 'net', 'com'])} {i}" for i in range(rows // 10)]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        for i in range(rows):
            first, last = rnd.choice(["Ann", "Bo", "Cy", "李", "Dana"]), rnd.choice(["Lee", "Kim", "王", "Smith"])
            w.writerow([
                f"00Q{i:015d}", first, last, rnd.choice(companies), "CTO", f"p{i}@example.com", "555-0100",
                rnd.choice(SOURCES), rnd.choice(STATUSES), rnd.choice(["Hot", "Warm", "Cold", ""]), "Telecom",
                "1000000", "250", " ".join(rnd.choice(WORDS) for _ in range(14)),
                f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T09:15:00.000+0000", "Berlin", "DE",
            ])


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def line(name: str, ours: tuple[float, float], base: tuple[float, float], goal: float) -> str:
    return (f"{name}: ltc {ours[0]:.2f}s wall / {ours[1]:.2f}s CPU; baseline {base[0]:.2f}s / {base[1]:.2f}s; "
            f"ratio {ours[0] / base[0]:.2f} wall, {ours[1] / base[1]:.2f} CPU (goal <= {goal:g})")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    work = Path(tempfile.mkdtemp(prefix="ltc-bench-"))
    env = dict(os.environ, LTC_USER="ana", LTC_DATA_DIR=str(work / "data"), LTC_CONFIG_DIR=str(work / "config"))
    try:
        source = work / "sf.csv"
        make_csv(source, rows)
        template = work / "template.db"
        subprocess.run([LTC, "--db", str(template), "person", "add", "ana", "Ana"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        ours, raw, raw_schema, ours_out, raw_out = [], [], [], [], []
        for run in range(runs):
            db = work / f"run{run}.db"
            shutil.copy(template, db)
            ours.append(timed([LTC, "--db", str(db), "import", str(source)], env))
            raw.append(timed([sys.executable, "-c", RAW_IMPORT, str(source), str(work / f"raw{run}.db")], env))
            schema_db = work / f"schema{run}.db"
            shutil.copy(template, schema_db)
            raw_schema.append(timed([sys.executable, "-c", RAW_SCHEMA, str(source), str(schema_db)], env))
            ours_out.append(timed([LTC, "--db", str(db), "export", str(work / "out.csv"), "--force"], env))
            raw_out.append(timed([sys.executable, "-c", RAW_EXPORT, str(db), str(work / "raw.csv")], env))
        print(f"rows: {rows:,}  runs: {runs}")
        print(line("import vs raw/table ", median(ours), median(raw), 3))
        print(line("import vs raw/schema", median(ours), median(raw_schema), 3))
        print(line("export              ", median(ours_out), median(raw_out), 2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
