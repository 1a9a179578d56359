from ltc_tui.services import leads


def test_add_and_list_a_lead(team):
    with team.act("sam") as s:
        added = leads.add_lead(s, title="Fibre backbone", customer="Acme Telecom", amount="2M")
    with team.act("ana", write=False) as s:
        rows = leads.query_leads(s, leads.LeadQuery())
    assert [r.title for r in rows] == ["Fibre backbone"]
    assert added.customer_created
