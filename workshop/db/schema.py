"""The tables, built by ordered, named migrations: one file each in `db/migrations/`, registered here
in the order they apply.

Integrity lives in the schema: foreign keys, UNIQUE, NOT NULL and CHECK constraints, so that a bug or
a race in Python cannot store a scorecard the method forbids. Add a change as a new file
`migrations/m00NN_<what>.py` holding the function `m00NN_<what>`, and append that function to
MIGRATIONS; never edit, rename or reorder one that has shipped (a database records each migration it
applied by its name, and applies the ones it lacks in this order).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from workshop.db.migrations.m0001_initial import m0001_initial
from workshop.db.migrations.m0002_voting import m0002_voting
from workshop.db.migrations.m0003_unlock_attempts import m0003_unlock_attempts
from workshop.db.migrations.m0003_unlock_failure_source import m0003_unlock_failure_source
from workshop.db.migrations.m0004_round_numbers_and_gradients import m0004_round_numbers_and_gradients
from workshop.db.migrations.m0006_branding import m0006_branding
from workshop.db.migrations.m0008_cascade import m0008_cascade
from workshop.db.migrations.m0009_acknowledgements import m0009_acknowledgements
from workshop.db.migrations.m0009_objective_themes import m0009_objective_themes
from workshop.db.migrations.m0009_scope import m0009_scope
from workshop.db.migrations.m0011_ballot_chain import m0011_ballot_chain
from workshop.db.migrations.m0012_link_rounds import m0012_link_rounds
from workshop.db.migrations.m0013_grid_split import m0013_grid_split
from workshop.db.migrations.m0014_privacy import m0014_privacy
from workshop.db.migrations.m0015_paper import m0015_paper
from workshop.db.migrations.m0016_fist_to_five import m0016_fist_to_five
from workshop.db.migrations.m0017_all_themes import m0017_all_themes
from workshop.db.migrations.m0018_targets_periods import m0018_targets_periods
from workshop.db.migrations.m0019_reviews import m0019_reviews
from workshop.db.migrations.m0020_shared_passphrase import m0020_shared_passphrase
from workshop.db.migrations.m0021_cycles import m0021_cycles
from workshop.db.migrations.m0022_sealed_rounds import m0022_sealed_rounds
from workshop.db.migrations.m0023_questions import m0023_questions
from workshop.db.migrations.m0024_hypothesis import m0024_hypothesis
from workshop.db.migrations.m0025_brainstorm import m0025_brainstorm

__all__ = ["MIGRATIONS", "migrate", "migrations"]

# The order they apply in, each in its own transaction, recorded under the function's name.
MIGRATIONS = (
    m0001_initial,
    m0002_voting,
    m0003_unlock_attempts,
    m0003_unlock_failure_source,
    m0004_round_numbers_and_gradients,
    m0006_branding,
    m0008_cascade,
    m0009_scope,
    m0009_objective_themes,
    m0009_acknowledgements,
    m0011_ballot_chain,
    m0012_link_rounds,
    m0013_grid_split,
    m0014_privacy,
    m0015_paper,
    m0016_fist_to_five,
    m0017_all_themes,
    m0018_targets_periods,
    m0019_reviews,
    m0020_shared_passphrase,
    m0021_cycles,
    m0022_sealed_rounds,
    m0023_questions,
    m0024_hypothesis,
    m0025_brainstorm,
)

migrations = Migrations("scorecard_workshop")
for migration in MIGRATIONS:
    migrations()(migration)


def migrate(db: Database) -> None:
    """Bring the database up to date; safe to call on every start."""
    migrations.apply(db)
