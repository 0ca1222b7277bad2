"""The five reference programs of DOMAIN.md as demo data: one module per program
(`women_in_politics` 000, `top_politicians` 001, `newly_arrived` 002, `cross_agency` 003,
`entrepreneurs` 004), each with its program, cohort, questions, matching policy,
meetups, check-ins and invented people, and `loader`, which builds them through the
product's own services. Product apps never import this one."""
