"""Rule tagger: patterns and gazetteers as data tables, one matcher per label."""

from vngov_ie.rules.tagger import RuleTagger

__all__ = ["RuleTagger"]
