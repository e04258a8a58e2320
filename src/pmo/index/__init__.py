"""The derived SQL index (SQLModel tables built from the portfolio) and pmo's export targets.

Nothing is imported here, so ``pmo.index.target`` can be used without loading SQLAlchemy.
"""
