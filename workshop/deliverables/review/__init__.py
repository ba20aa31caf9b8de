"""The review pack: the period reviewed, as a PDF and a deck, from the review's record (deliverables/record.read_review)."""
