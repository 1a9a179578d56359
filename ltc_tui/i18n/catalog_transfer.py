"""Messages of `ltc import` and `ltc export`: file problems, row problems, the report."""

EN = {
    # The file as a whole
    "import.file.missing": "{file}: no such file.",
    "import.file.unreadable": "{file}: cannot be read ({detail}).",
    "import.file.utf16": "{file} is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8) and import again.",
    "import.file.workbook": "{file} is an Excel workbook, not CSV; save it as 'CSV UTF-8' and import that file.",
    "import.file.not_utf8": (
        "{file} is not UTF-8 text (line {line} has the byte 0x{byte}, as Windows or Latin-1 encodings write); "
        "save it as UTF-8 (in Excel: CSV UTF-8) and import again."
    ),
    "import.file.binary": "{file} holds binary data (NUL bytes), not CSV or JSON text.",
    "import.file.empty": "{file} is empty.",
    "import.file.unclosed_quote": (
        "{file}, line {line}: a quoted cell is never closed (a \" without its partner), so the rest of the file "
        "would be one cell; fix the quote and import again."
    ),
    "import.file.bad_csv": "{file}, line {line}: not valid CSV ({detail}).",
    "import.file.no_header": "{file} has no header row: its first line must name the columns.",
    "import.file.bad_json": "{file}, line {line} column {column}: not valid JSON ({detail}).",
    "import.file.json_shape": (
        "{file}: JSON must be a list of objects (one per row), or an object holding them under \"rows\" or \"records\"."
    ),
    "import.file.wrong_kind": "{file} holds {found} (it is our export of them); import it with --kind {found}.",
    "import.leads.no_customer": (
        "{file}: no column gives the customer (Company). Its columns: {columns}. "
        "Map one with --map \"Your column=customer\"."
    ),
    "import.opps.missing_columns": (
        "{file}: no column gives {missing}. Its columns: {columns}. Map them with --map \"Your column=account\" "
        "(fields: id, title, owner, product, account, stage, engaged_on, closed_on, amount)."
    ),
    "import.column.unnamed": "(column {number}, no name)",
    # Mappings
    "import.map.bad_pair": "{field}: '{value}' is not THEIRS=OURS; write e.g. --map \"Account Name=company,Deal=title\".",
    "import.map.no_column": "{field}: {file} has no column '{column}'. Its columns: {columns}.",
    "import.map.no_field": "{field}: '{target}' is not one of our fields; use one of: {choices} (or 'ignore').",
    "import.map.file_shape": "{file}: a mapping file is a JSON object {{\"columns\": {{...}}, \"stages\": {{...}}}} or lines THEIRS = OURS.",
    "import.map.file_line": "{file}, line {line}: '{text}' is not THEIRS = OURS (or a [columns]/[stages]/[sources]/[options] section).",
    # Dates
    "import.date.bad_format": "{field}: '{value}' is not a date form; use d/m/Y, m/d/Y or Y-m-d (also dd.mm.yyyy, %m/%d/%Y).",
    "import.date.ambiguous": (
        "{field}: dates like '{example}' could be day/month or month/day, and no date in the file decides it; "
        "say which with --date-format d/m/Y or --date-format m/d/Y."
    ),
    "import.dates.none": "Dates: none in the file.",
    "import.dates.unambiguous": "Dates: {values} values, all year-first or with a month name.",
    "import.dates.detected": (
        "Dates: day/month order read as {form}, detected from {values} values ({deciding} decide it, e.g. '{example}')."
    ),
    "import.dates.detected_conflict": (
        "Dates: day/month order read as {form}, detected from {values} values ({deciding} decide it, e.g. "
        "'{example}'); {conflicting} values only fit the other order and are reported below."
    ),
    "import.dates.stated": "Dates: read as {form}, as stated with --date-format.",
    # Rows
    "import.problem.row": "row {row}: {message}",
    "import.problem.row_line": "row {row} (line {line}): {message}",
    "import.problem.file": "{message}",
    "import.row.too_many_cells": "has {cells} cells but the header names {columns} columns (a delimiter inside an unquoted cell?).",
    "import.row.json_value": "{column}: holds a list or object, not a plain value.",
    "import.row.date": "{column}: '{value}' is not a date in this file's form ({form}).",
    "import.row.external_id_long": "{column}: the id is {length} characters long; at most 64 are kept.",
    "import.row.close_reason": "a closed lead needs its close reason (close_reason).",
    "import.row.override_reason": "{column}: a tier set by hand needs its reason (tier_override_reason).",
    "import.row.temperature": "{column}: '{value}' is not hot, warm or cold (map the column with --map \"{column}=ignore\" to leave it out).",
    "import.row.repeated_id": "id '{value}' was already given on row {first}.",
    "import.row.repeated_row": "repeats row {first} exactly (the file has no id column to tell them apart).",
    "import.row.unknown_person": (
        "{column}: '{value}' is not on the team; add them (ltc person add) or pass --unknown-people create."
    ),
    "import.row.unknown_customer": (
        "{column}: there is no customer '{value}'; add it (ltc customer add) or drop --unknown-customers report."
    ),
    "import.row.required": "{column}: a value is required.",
    "import.row.stage": (
        "{column}: stage '{value}' is not one we know; map it with --stage-map \"{value}=STAGE\" "
        "(verify, initiation, needs_analysis, value_presentation, bid, negotiation, won, lost)."
    ),
    "import.row.closed_before": "{column}: closed {closed}, before its engage date {engaged}.",
    "import.row.closed_future": "{column}: a {stage} deal cannot close in the future ({closed}).",
    "import.row.won_value": "{column}: a won deal needs its value.",
    # Notes
    "import.rows.one": "1 row",
    "import.rows.many": "{n} rows",
    "import.note.source_other": "Lead source '{value}' is none of our channels: recorded as other on {rows} (map it with --source-map \"{value}=CHANNEL\").",
    "import.note.status_open": "Status '{value}' is an open status: {rows} imported as submitted, to be verified here.",
    "import.note.owner_unmatched": "{column}: {rows} name an owner who is not on the team (e.g. '{example}'); those leads are left unassigned.",
    "import.note.no_id_column": "No id column: rows are recognised by their whole content, so importing the file again adds nothing, but a changed row imports as a new record.",
    "import.note.open_undated": "Open deals without {column} ({rows}): engaged on the import day.",
    "import.note.open_close_date": "Open deals with a {column} ({rows}): the other CRM's expected date, not kept.",
    "import.note.lead_unlinked": "Opportunities naming a lead that is not here or already has one ({rows}): imported without the link.",
    # Values the import writes
    "import.lead.closed_reason": "Closed in the source CRM (status: {status})",
    "import.lead.title": "{customer}: {contact}",
    "import.sf.revenue": "Annual revenue (from Salesforce): {value}",
    "import.sf.employees": "Employees (from Salesforce): {value}",
    "import.opp.title": "{product} for {account}",
    "import.opp.lost_reason": "Lost (no reason in the imported data)",
    "import.opp.history_engaged": "imported from {file} (their stage: {stage})",
    "import.audit": "{file} ({format}): created {created}; {existing} already here; {bad} rows with problems not imported",
    # Outcome
    "import.refused": (
        "Nothing imported: {bad} of {rows} {have} problems (listed above). Fix them and import again, "
        "or pass --allow-partial to import the other {good}."
    ),
    "import.refused.has": "has",
    "import.refused.have": "have",
    # The report (CLI)
    "cli.import.read": "Read {file}: {format}, {rows} rows ({type}).",
    "cli.import.format.ltc": "our own export",
    "cli.import.format.salesforce": "a Salesforce lead export",
    "cli.import.format.salesforce_api": "a Salesforce lead export (API-name headers)",
    "cli.import.format.salesforce_label": "a Salesforce lead export (label headers)",
    "cli.import.format.salesforce_mixed": "a Salesforce lead export (API-name and label headers)",
    "cli.import.format.generic": "a lead file with our column names or --map",
    "cli.import.format.crm": "a deal export from another CRM",
    "cli.import.delimiter": "Cells are separated by '{delimiter}'.",
    "cli.import.columns": "Columns used: {columns}.",
    "cli.import.unknown": "Unknown columns, not imported: {columns}.",
    "cli.import.custom": "Custom (__c) columns, not imported (map one with --map): {columns}.",
    "cli.import.ignored": "Known columns we do not keep: {columns}.",
    "cli.import.would_create": "Would create: {created}.",
    "cli.import.created": "Imported: {created}.",
    "cli.import.existing": "Already here, left as they are: {existing}.",
    "cli.import.no_rows": "{file} has a header but no rows: nothing to import.",
    "cli.import.nothing_new": "Nothing new: all {existing} rows are already here.",
    "cli.import.skipped_note": "Deleted or merged in the source system, skipped: {skipped}.",
    "cli.import.preview": "First rows as they would be created:",
    "cli.import.problems": "Problems ({bad}):",
    "cli.import.more_problems": "... and {more} more (--json lists them all).",
    "cli.import.partial": "Not imported, with problems (listed above): {bad}.",
    "cli.import.dry_run": "Dry run: nothing was written.",
    "cli.import.dry_run_refused": "Dry run: nothing was written. As it stands, the import would be refused (pass --allow-partial to import the other {good}).",
    "cli.import.count.nothing": "nothing new",
    "cli.import.count.leads": "{n} leads",
    "cli.import.count.opportunities": "{n} opportunities",
    "cli.import.count.customers": "{n} customers",
    "cli.import.count.contacts": "{n} contacts",
    "cli.import.count.people": "{n} people",
    "cli.import.count.stage_changes": "{n} stage changes",
    "cli.export.done": "Exported {n} {kind} to {file} ({format}).",
    "cli.export.exists": "{file} already exists; pass --force to replace it.",
    "cli.export.cannot_write": "Cannot write {file}: {detail}.",
}

ZH: dict[str, str] = {
    "import.file.missing": "{file}：文件不存在。",
    "import.file.unreadable": "{file}：无法读取（{detail}）。",
    "import.file.utf16": "{file} 是 UTF-16 文本；请另存为 UTF-8（Excel 中选“CSV UTF-8”）后再导入。",
    "import.file.workbook": "{file} 是 Excel 工作簿，不是 CSV；请另存为“CSV UTF-8”，再导入那个文件。",
    "import.file.not_utf8": (
        "{file} 不是 UTF-8 文本（第 {line} 行有字节 0x{byte}，Windows 或 Latin-1 编码会这样写）；"
        "请另存为 UTF-8（Excel 中选“CSV UTF-8”）后再导入。"
    ),
    "import.file.binary": "{file} 含有二进制数据（NUL 字节），不是 CSV 或 JSON 文本。",
    "import.file.empty": "{file} 是空文件。",
    "import.file.unclosed_quote": (
        "{file}，第 {line} 行：有一个带引号的单元格没有结束（\" 缺少配对），文件其余部分会变成一个单元格；"
        "请修正引号后再导入。"
    ),
    "import.file.bad_csv": "{file}，第 {line} 行：不是有效的 CSV（{detail}）。",
    "import.file.no_header": "{file} 没有表头行：第一行必须写出各列的名称。",
    "import.file.bad_json": "{file}，第 {line} 行第 {column} 列：不是有效的 JSON（{detail}）。",
    "import.file.json_shape": "{file}：JSON 必须是对象列表（每行一个对象），或在 \"rows\" 或 \"records\" 下包含这些对象的对象。",
    "import.file.wrong_kind": "{file} 包含的是{found}（是我们导出的文件）；请用 --kind {found} 导入。",
    "import.leads.no_customer": (
        "{file}：没有哪一列给出客户（Company）。文件的列：{columns}。"
        "请用 --map \"你的列名=customer\" 指定一列。"
    ),
    "import.opps.missing_columns": (
        "{file}：没有哪一列给出 {missing}。文件的列：{columns}。请用 --map \"你的列名=account\" 指定"
        "（字段：id、title、owner、product、account、stage、engaged_on、closed_on、amount）。"
    ),
    "import.column.unnamed": "（第 {number} 列，无名称）",
    "import.map.bad_pair": "{field}：'{value}' 不是 对方=我方 的形式；请写成例如 --map \"Account Name=company,Deal=title\"。",
    "import.map.no_column": "{field}：{file} 没有列 '{column}'。文件的列：{columns}。",
    "import.map.no_field": "{field}：'{target}' 不是我们的字段；请使用以下之一：{choices}（或 'ignore'）。",
    "import.map.file_shape": "{file}：映射文件应是 JSON 对象 {{\"columns\": {{...}}, \"stages\": {{...}}}}，或每行一条 对方 = 我方。",
    "import.map.file_line": "{file}，第 {line} 行：'{text}' 不是 对方 = 我方 的形式（也不是 [columns]/[stages]/[sources]/[options] 小节）。",
    "import.date.bad_format": "{field}：'{value}' 不是日期格式；请使用 d/m/Y、m/d/Y 或 Y-m-d（也可以是 dd.mm.yyyy、%m/%d/%Y）。",
    "import.date.ambiguous": (
        "{field}：像 '{example}' 这样的日期既可能是日/月也可能是月/日，文件中没有日期能确定是哪一种；"
        "请用 --date-format d/m/Y 或 --date-format m/d/Y 说明。"
    ),
    "import.dates.none": "日期：文件中没有日期。",
    "import.dates.unambiguous": "日期：{values} 个值，都是年份在前或带月份名称。",
    "import.dates.detected": "日期：日/月顺序按 {form} 读取，由 {values} 个值检测得出（其中 {deciding} 个能确定，例如 '{example}'）。",
    "import.dates.detected_conflict": (
        "日期：日/月顺序按 {form} 读取，由 {values} 个值检测得出（其中 {deciding} 个能确定，例如 "
        "'{example}'）；有 {conflicting} 个值只符合另一种顺序，在下方列出。"
    ),
    "import.dates.stated": "日期：按 --date-format 指定的 {form} 读取。",
    "import.problem.row": "第 {row} 行：{message}",
    "import.problem.row_line": "第 {row} 行（文件第 {line} 行）：{message}",
    "import.problem.file": "{message}",
    "import.row.too_many_cells": "有 {cells} 个单元格，但表头只有 {columns} 列（未加引号的单元格里有分隔符？）。",
    "import.row.json_value": "{column}：是列表或对象，不是普通的值。",
    "import.row.date": "{column}：'{value}' 不是本文件格式（{form}）的日期。",
    "import.row.external_id_long": "{column}：编号长 {length} 个字符；最多保留 64 个。",
    "import.row.close_reason": "已关闭的线索需要关闭原因（close_reason）。",
    "import.row.override_reason": "{column}：手工设定的层级需要原因（tier_override_reason）。",
    "import.row.temperature": "{column}：'{value}' 不是 hot、warm 或 cold（可用 --map \"{column}=ignore\" 忽略这一列）。",
    "import.row.repeated_id": "编号 '{value}' 已在第 {first} 行出现过。",
    "import.row.repeated_row": "与第 {first} 行完全相同（文件没有编号列来区分它们）。",
    "import.row.unknown_person": "{column}：'{value}' 不在团队中；请先添加（ltc person add），或加上 --unknown-people create。",
    "import.row.unknown_customer": "{column}：没有客户 '{value}'；请先添加（ltc customer add），或去掉 --unknown-customers report。",
    "import.row.required": "{column}：必须填写。",
    "import.row.stage": (
        "{column}：不认识阶段 '{value}'；请用 --stage-map \"{value}=阶段\" 映射"
        "（verify、initiation、needs_analysis、value_presentation、bid、negotiation、won、lost）。"
    ),
    "import.row.closed_before": "{column}：关闭日期 {closed} 早于首次接触日期 {engaged}。",
    "import.row.closed_future": "{column}：{stage}的商机不能在将来关闭（{closed}）。",
    "import.row.won_value": "{column}：赢单的商机需要金额。",
    "import.rows.one": "1 行",
    "import.rows.many": "{n} 行",
    "import.note.source_other": "线索来源 '{value}' 不是我们的渠道：{rows}记为“其他”（可用 --source-map \"{value}=渠道\" 映射）。",
    "import.note.status_open": "状态 '{value}' 是未结束的状态：{rows}按“已提交”导入，在这里验证。",
    "import.note.owner_unmatched": "{column}：{rows}的负责人不在团队中（例如 '{example}'）；这些线索暂不分配负责人。",
    "import.note.no_id_column": "没有编号列：按整行内容识别各行，所以再次导入同一文件不会重复添加，但修改过的行会作为新记录导入。",
    "import.note.open_undated": "没有 {column} 的未结束商机（{rows}）：首次接触日期记为导入当天。",
    "import.note.open_close_date": "带有 {column} 的未结束商机（{rows}）：那是对方 CRM 的预计日期，不保留。",
    "import.note.lead_unlinked": "所指线索不在这里或已有机会点的商机（{rows}）：导入时不建立关联。",
    "import.lead.closed_reason": "在原 CRM 中已关闭（状态：{status}）",
    "import.lead.title": "{customer}：{contact}",
    "import.sf.revenue": "年收入（来自 Salesforce）：{value}",
    "import.sf.employees": "员工人数（来自 Salesforce）：{value}",
    "import.opp.title": "{account} 的 {product}",
    "import.opp.lost_reason": "丢单（导入的数据中没有原因）",
    "import.opp.history_engaged": "从 {file} 导入（对方的阶段：{stage}）",
    "import.audit": "{file}（{format}）：新建 {created}；{existing} 已存在；{bad} 行有问题未导入",
    "import.refused": (
        "没有导入任何内容：{rows} 行中有 {bad} 行{have}问题（见上方列表）。请修正后重新导入，"
        "或加上 --allow-partial 导入其余 {good} 行。"
    ),
    "import.refused.has": "有",
    "import.refused.have": "有",
    "cli.import.read": "已读取 {file}：{format}，{rows} 行（{type}）。",
    "cli.import.format.ltc": "我们自己的导出文件",
    "cli.import.format.salesforce": "Salesforce 线索导出",
    "cli.import.format.salesforce_api": "Salesforce 线索导出（API 名称表头）",
    "cli.import.format.salesforce_label": "Salesforce 线索导出（标签表头）",
    "cli.import.format.salesforce_mixed": "Salesforce 线索导出（API 名称和标签混合表头）",
    "cli.import.format.generic": "使用我们的列名或 --map 的线索文件",
    "cli.import.format.crm": "其他 CRM 导出的商机",
    "cli.import.delimiter": "单元格以 '{delimiter}' 分隔。",
    "cli.import.columns": "使用的列：{columns}。",
    "cli.import.unknown": "不认识的列，未导入：{columns}。",
    "cli.import.custom": "自定义（__c）列，未导入（可用 --map 映射）：{columns}。",
    "cli.import.ignored": "认识但不保留的列：{columns}。",
    "cli.import.would_create": "将会新建：{created}。",
    "cli.import.created": "已导入：{created}。",
    "cli.import.existing": "已存在，保持原样：{existing}。",
    "cli.import.no_rows": "{file} 只有表头没有数据行：没有可导入的内容。",
    "cli.import.nothing_new": "没有新内容：全部 {existing} 行都已存在。",
    "cli.import.skipped_note": "在原系统中已删除或合并，跳过：{skipped}。",
    "cli.import.preview": "前几行导入后的样子：",
    "cli.import.problems": "问题（{bad}）：",
    "cli.import.more_problems": "……另有 {more} 个（--json 会全部列出）。",
    "cli.import.partial": "有问题未导入（见上方列表）：{bad}。",
    "cli.import.dry_run": "试运行：没有写入任何内容。",
    "cli.import.dry_run_refused": "试运行：没有写入任何内容。按现状，导入会被拒绝（加上 --allow-partial 可导入其余 {good}）。",
    "cli.import.count.nothing": "没有新内容",
    "cli.import.count.leads": "{n} 条线索",
    "cli.import.count.opportunities": "{n} 个机会点",
    "cli.import.count.customers": "{n} 个客户",
    "cli.import.count.contacts": "{n} 位联系人",
    "cli.import.count.people": "{n} 位成员",
    "cli.import.count.stage_changes": "{n} 次阶段变化",
    "cli.export.done": "已把 {n} 条{kind}导出到 {file}（{format}）。",
    "cli.export.exists": "{file} 已存在；加上 --force 覆盖。",
    "cli.export.cannot_write": "无法写入 {file}：{detail}。",
}
