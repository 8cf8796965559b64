"""aftersales: playbook-graded training cases for after-sales customer-service agents.

Importing the package stays cheap on purpose: the content models, grading, store and widgets
are imported from their own modules when they are needed.
"""

__version__ = "0.1.0"
