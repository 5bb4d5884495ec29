"""Running-text grammar for evidence statements: sentences, numbers, statistics, groups.

Pure functions over strings and offsets; normalization arrives through the
injected ``Normalizer`` in ``evidex.evidence.statements``.
"""
