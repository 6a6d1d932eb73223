"""The checks: what the funders' rules, deadlines and attachments say about the plan."""
