"""The software's own words that messages carry as parameters: the name of a
field (``{field}: a value is required``), a kind of record (``No {entity}
#3``), an action (``... may {action}``), a role, and how lists are joined.

``i18n.t`` looks a parameter named ``field``, ``missing``, ``fields``,
``entity``, ``action``, ``roles``, ``kind`` or ``found`` up here
(``term.<kind>.<word>``); a word with no entry (an option such as
``--customer``, a column of someone's file) shows as it is.
"""

# field name -> Chinese. English shows the word itself (a few read better spelled out).
_FIELDS = {
    "actual": "实际日期", "amount": "金额", "attitude": "态度", "budget": "预算", "budget year": "预算年度",
    "cause": "原因", "class": "类别", "closed": "关闭日期", "competition": "竞争", "conditions": "条件",
    "contact": "联系人", "contacts": "联系人", "customer": "客户", "currency": "币种", "date": "日期",
    "decision": "决定", "deliverability": "可交付性", "description": "描述", "due": "到期日", "email": "邮箱",
    "gate": "关卡", "handle": "简称", "has offer": "有匹配的产品或方案", "impact": "影响", "industry": "行业",
    "influence": "影响力", "issued": "开票日期", "kind": "类型", "lead": "线索", "leads to": "导致",
    "level": "层级", "limit": "条数", "locked": "已锁定", "milestone id (with --done)": "里程碑编号（配合 --done）",
    "name": "名称", "need": "需求", "next review": "下次评审", "next review date": "下次评审日期",
    "next step": "下一步", "note": "备注", "notes": "备注", "number": "编号", "objective": "目的",
    "opened": "提出日期", "opportunity": "机会点", "outcome": "结果", "owner": "负责人", "owner_id": "负责人",
    "pain": "痛点", "period": "期间", "phone": "电话", "planned": "计划日期", "price": "价格",
    "probability": "赢单概率", "product": "产品", "reason": "原因", "received": "回款日期", "region": "区域",
    "resolution": "处理结果", "resolved": "解决日期", "result": "结果", "risk": "风险", "role": "角色",
    "setting": "设置项", "signed": "签订日期", "signed on": "签订日期", "sort": "排序", "source": "来源渠道",
    "stage": "阶段", "standing": "客户地位", "start": "启动时间", "start date": "启动日期", "budget and start date": "预算和启动日期", "status": "状态",
    "step": "步骤", "strategy": "策略", "strengths": "优势", "temp": "成熟度", "tier": "层级", "title": "标题",
    "value": "金额", "view": "视图", "vote": "投票", "weaknesses": "劣势", "workload days": "工作量（人天）",
    "write-off": "核销金额", "KPI": "KPI", "PO": "PO 号", "AR": "AR", "SR": "SR", "FR": "FR",
    # the lead file's columns, as a form lists what it saved
    "next_review_on": "下次评审", "has_offer": "有匹配的产品或方案", "new_product": "新产品",
    "new_solution": "新解决方案", "new_business_model": "新商业模式", "new product": "新产品",
    "new solution": "新解决方案", "new business model": "新商业模式", "job_title": "职务", "decision_role": "决策角色",
    # columns as the audit trail names them (a lead's history, `ltc audit`, a conflict)
    "lead_class": "类别", "temperature": "成熟度", "priority": "优先级", "tier_override": "手工层级",
    "tier_override_reason": "手工层级原因", "ar_id": "AR", "sr_id": "SR", "fr_id": "FR", "submitter_id": "提交人",
    "budget_cents": "预算", "budget_start": "预算启动日期", "expected_amount_cents": "预期规模",
    "expected_start": "预期启动", "customer_id": "客户", "contact_id": "联系人", "closed_on": "关闭日期",
    "close_reason": "关闭原因", "nurture_pass": "培育轮次", "assigned_at": "分配时间", "submitted_on": "提交日期",
    "external_id": "原编号", "amount_cents": "金额", "start_on": "启动日期", "probability_manual": "手工设定赢单概率",
    "engaged_on": "首次接触日期", "won_reason": "赢单原因", "lost_reason": "丢单原因", "signed_on": "签订日期",
    "value_cents": "合同金额", "po_number": "PO 号", "write_off_cents": "核销金额", "write_off_reason": "核销原因",
    "budget_known": "预算已获得", "budget_currency": "预算币种", "lead_id": "线索", "opportunity_id": "机会点",
    "planned_on": "计划日期", "actual_on": "实际日期", "due_on": "到期日", "issued_on": "开票日期",
    "received_on": "回款日期", "received_cents": "回款金额", "is_final": "尾款", "opened_on": "提出日期",
    "resolved_on": "解决日期", "held_on": "日期", "chair_id": "主席", "delegate_id": "代理人",
    "visited_on": "拜访日期", "person_id": "成员", "body": "内容", "next_step": "下一步", "won": "赢单",
    "acknowledges_pain": "认可痛点", "shares_vision": "认同构想", "active": "在职", "done_on": "完成日期",
    # an opportunity's value proposition and four dimensions
    "our strengths": "我方独特优势", "unique value": "独特价值", "need fit": "满足需求的程度",
    "difference": "与竞争对手的差异", "market notes": "市场", "customer notes": "客户", "product notes": "产品",
    "competition notes": "竞争", "kpi": "KPI", "interested": "有兴趣", "acknowledges pain": "认可痛点",
    "shares vision": "认同构想",
}
_FIELDS_EN = {"owner_id": "owner", "next_review_on": "next review", "has_offer": "has offer", "new_product": "new product",
              "new_solution": "new solution", "new_business_model": "new business model", "job_title": "job title",
              "decision_role": "decision role", "PO": "PO number"}

# table name -> (English, Chinese): "No {entity} #3", "{entity} #3 was changed by ..."
_ENTITIES = {
    "agenda_item": ("agenda item", "议程条目"), "audit_event": ("audit event", "审计事件"),
    "competitor": ("competitor", "竞争对手"), "contact": ("contact", "联系人"), "contract": ("contract", "合同"),
    "customer": ("customer", "客户"), "decision": ("decision", "决定"), "dispute": ("dispute", "争议"),
    "gate_record": ("gate record", "关卡记录"), "invoice": ("invoice", "发票"), "kdm_stance": ("KDM stance", "关键决策者立场"),
    "lead": ("lead", "线索"), "lead_note": ("note", "备注"), "meeting": ("meeting", "会议"),
    "meeting_attendee": ("attendee", "参会人"), "milestone": ("milestone", "里程碑"), "nurture_pass": ("nurturing pass", "培育轮次"),
    "opportunity": ("opportunity", "机会点"), "pain_row": ("pain-table row", "痛苦表行"), "payment": ("payment", "回款"),
    "person": ("person", "成员"), "person_role": ("role", "角色"), "power_map_entry": ("power-map entry", "权力地图条目"),
    "setting": ("setting", "设置项"), "stage_change": ("stage change", "阶段变化"), "step_record": ("step", "步骤"),
    "verification": ("verification", "验证"), "verification_contact": ("contact consulted", "咨询的联系人"),
    "visit": ("visit", "拜访"), "visit_contact": ("contact met", "拜访的联系人"), "database": ("database", "数据库"),
}

# "Only someone with the role {roles} (or an admin) may {action}."
_ACTIONS = {
    "add people": "添加成员", "change roles": "修改角色", "change settings": "修改设置",
    "claim leads": "认领线索", "assign leads": "分配线索", "chair a committee meeting": "主持线索管理委员会会议",
    "deactivate or reactivate people": "停用或重新启用成员",
}

# Role values as the shell lists them (people, permissions): English keeps the value.
_ROLES = {"staff": "员工", "ar": "AR", "sr": "SR", "fr": "FR", "chair": "委员会主席", "member": "委员会成员",
          "admin": "管理员", "manager": "团队主管"}

# What the audit trail says happened to a record (`ltc audit`, a lead's history).
_AUDIT = {"create": "新建", "update": "修改", "delete": "删除", "claim": "认领", "assign": "分配", "import": "导入",
          "demo_built": "创建演示数据"}

# What `ltc import` / `ltc export` carry: "Exported 3 {kind} to ...".
_KINDS = {"leads": "线索", "opportunities": "机会点"}

EN: dict[str, str] = {
    "ui.list_sep": ", ",
    "ui.reason_sep": "; ",
    "ui.someone": "someone",
    "ui.paren": "{text} ({detail})",
    "ui.area_action": "{area}: {action}",
    "note.from_lead": "from lead #{id}",  # the first stage of an opportunity made from a lead
    **{f"ui.weekday.{n}": day for n, day in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))},
    "enum.MeetingStatus.open": "open",
    "enum.MeetingStatus.closed": "closed",
    **{f"term.field.{word}": _FIELDS_EN.get(word, word) for word in _FIELDS},
    **{f"term.entity.{name}": en for name, (en, _) in _ENTITIES.items()},
    **{f"term.action.{word}": word for word in _ACTIONS},
    **{f"term.role.{word}": word for word in _ROLES},
    **{f"term.kind.{word}": word for word in _KINDS},
    **{f"term.audit.{word}": word for word in _AUDIT},
}

ZH: dict[str, str] = {
    "ui.list_sep": "、",
    "ui.reason_sep": "；",
    "ui.someone": "其他人",
    "ui.paren": "{text}（{detail}）",
    "ui.area_action": "{area}：{action}",
    "note.from_lead": "来自线索 #{id}",
    **{f"ui.weekday.{n}": day for n, day in enumerate(("周一", "周二", "周三", "周四", "周五", "周六", "周日"))},
    "enum.MeetingStatus.open": "进行中",
    "enum.MeetingStatus.closed": "已结束",
    **{f"term.field.{word}": zh for word, zh in _FIELDS.items()},
    **{f"term.entity.{name}": zh for name, (_, zh) in _ENTITIES.items()},
    **{f"term.action.{word}": zh for word, zh in _ACTIONS.items()},
    **{f"term.role.{word}": zh for word, zh in _ROLES.items()},
    **{f"term.kind.{word}": zh for word, zh in _KINDS.items()},
    **{f"term.audit.{word}": zh for word, zh in _AUDIT.items()},
}
