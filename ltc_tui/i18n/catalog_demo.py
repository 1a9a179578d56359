"""Messages of `ltc demo`: building the demo database and showing what it holds."""

EN = {
    "cli.demo.building": "Building the demo database at {where} ...",
    "cli.demo.built": "Demo database ready at {where} (built in {seconds} s; dates run up to {today}).",
    "cli.demo.kept": (
        "A demo database is already at {where} (built on {built_on}); using it as it is. "
        "`ltc demo --reset` rebuilds it with today's dates."
    ),
    "cli.demo.row.team": "Team",
    "cli.demo.row.customers": "Customers",
    "cli.demo.row.leads": "Leads",
    "cli.demo.row.opportunities": "Opportunities",
    "cli.demo.row.contracts": "Contracts",
    "cli.demo.row.committee": "Committee",
    "cli.demo.row.visits": "Visits",
    "cli.demo.row.audit": "Audit trail",
    "cli.demo.row.cdma": "CDMA450 case",
    "cli.demo.team": "{people} people: a committee chair and members, ARs, SRs, FRs, staff, an admin and a team lead",
    "cli.demo.customers": "{customers} customers (strategic, key, normal) with {contacts} contacts",
    "cli.demo.overdue": "{counts}; {overdue} payments overdue",
    "cli.demo.committee": "{meetings} meetings held and closed; {queue} leads in the queue for the next one",
    "cli.demo.visits": "{visits} visits, {this_week} of them this week",
    "cli.demo.audit": "{events} events, each naming the person who acted",
    "cli.demo.cdma": "lead #{lead} -> opportunity #{opp} (won) -> contract {contract}",
    "cli.demo.acting": "In the app you act as {actor} (the committee chair); `--as HANDLE` picks someone else.",
    "cli.demo.opening": "Opening the app on the demo database ...",
    "cli.demo.no_app": "The app cannot start here ({why}).",
    "cli.demo.shell": "Look around from the shell:",
    "error.demo.not_demo": (
        "{where} holds data that is not a demo ({people} people, {leads} leads): `ltc demo` never overwrites it, "
        "not even with --reset. Leave out --db to use the demo file, or name a new path."
    ),
}

ZH: dict[str, str] = {}
