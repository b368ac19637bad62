"""The plan as data: models (plan.model), loading and validation of plan files (plan.load), and settings
(plan.settings). Nothing is imported here: a process that needs only the settings does not pay for the models."""
