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
    "cli.demo.not_installed": "{module} is not installed",
    "error.demo.not_demo": (
        "{where} holds data that is not a demo ({people} people, {leads} leads): `ltc demo` never overwrites it, "
        "not even with --reset. Leave out --db to use the demo file, or name a new path."
    ),
}

ZH: dict[str, str] = {
    "cli.demo.building": "正在 {where} 创建演示数据库……",
    "cli.demo.built": "演示数据库已就绪：{where}（用时 {seconds} 秒；日期截至 {today}）。",
    "cli.demo.kept": "{where} 已有演示数据库（创建于 {built_on}）；按原样使用。`ltc demo --reset` 会用今天的日期重新创建。",
    "cli.demo.row.team": "团队",
    "cli.demo.row.customers": "客户",
    "cli.demo.row.leads": "线索",
    "cli.demo.row.opportunities": "机会点",
    "cli.demo.row.contracts": "合同",
    "cli.demo.row.committee": "委员会",
    "cli.demo.row.visits": "拜访",
    "cli.demo.row.audit": "审计记录",
    "cli.demo.row.cdma": "CDMA450 案例",
    "cli.demo.team": "{people} 位成员：委员会主席和成员、AR、SR、FR、员工、一位管理员和一位团队主管",
    "cli.demo.customers": "{customers} 个客户（战略、重要、普通），共 {contacts} 位联系人",
    "cli.demo.overdue": "{counts}；{overdue} 笔回款逾期",
    "cli.demo.committee": "已召开并结束 {meetings} 次会议；{queue} 条线索在下次会议的队列中",
    "cli.demo.visits": "{visits} 次拜访，其中本周 {this_week} 次",
    "cli.demo.audit": "{events} 条事件，每条都记录了操作人",
    "cli.demo.cdma": "线索 #{lead} -> 机会点 #{opp}（赢单）-> 合同 {contract}",
    "cli.demo.acting": "在应用中你的身份是 {actor}（委员会主席）；`--as 简称` 可换成别人。",
    "cli.demo.opening": "正在用演示数据库打开应用……",
    "cli.demo.no_app": "应用无法在这里启动（{why}）。",
    "cli.demo.shell": "在命令行中看看：",
    "cli.demo.not_installed": "没有安装 {module}",
    "error.demo.not_demo": (
        "{where} 中的数据不是演示数据（{people} 位成员，{leads} 条线索）：`ltc demo` 绝不会覆盖它，"
        "即使加上 --reset 也不会。去掉 --db 使用演示文件，或指定一个新路径。"
    ),
}
