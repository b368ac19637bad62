"""The plan as data: models, loading and validation of plan files, and settings."""

from plan.load import PlanError, load_plan, load_plans
from plan.model import Indicator, Period, Plan, Unit

__all__ = ["Indicator", "Period", "Plan", "PlanError", "Unit", "load_plan", "load_plans"]
