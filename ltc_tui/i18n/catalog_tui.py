"""Messages of the app (screens, keys, the command palette)."""

EN = {
    "tui.internal_error": "ltc hit an internal error ({kind}); nothing was saved. Details: {where}",
    # Main screens (modes)
    "mode.leads": "Lead pool",
    # Keys
    "key.help": "Help",
    "key.quit": "Quit",
    "key.close": "Close",
    "key.filter": "Filter",
    "key.clear_filter": "Clear filter",
    "key.sort": "Sort",
    "key.reverse": "Reverse sort",
    # Command palette
    "palette.go": "Go to {area}",
    "palette.run": "{area} (key {key})",
    "palette.help": "Help: keys",
    "palette.help_help": "List every key of this screen and of the app",
    # Help
    "help.title": "Keys",
    "help.this_screen": "This screen",
    "help.everywhere": "Everywhere",
    "help.palette": "Command palette: every action of every screen, jump to a lead, theme",
    "help.footer": "Press escape to close.",
    # Who
    "who.first_title": "Welcome to ltc",
    "who.first_help": "This database has no one yet. Add yourself: you will be its admin and committee chair.",
    "who.handle": "Handle (short name used in commands)",
    "who.name": "Full name",
    "who.create": "Add me",
    "who.pick_title": "Who are you?",
    # Lead pool
    "leads.filter_placeholder": "Filter: words, status:verified temp:hot tier:A owner:li view:stale sort:-age",
    "leads.status_line": "{first}-{last} of {total} leads · sorted by {sort} ({order})",
    "leads.desc": "descending",
    "leads.asc": "ascending",
    "col.id": "#",
    "col.title": "Title",
    "col.customer": "Customer",
    "col.source": "Source",
    "col.submitter": "By",
    "col.class": "Class",
    "col.temp": "Temp",
    "col.tier": "Tier",
    "col.priority": "Prio",
    "col.status": "Status",
    "col.owner": "Owner",
    "col.age": "Age",
    "col.review": "Review",
}

ZH: dict[str, str] = {}
