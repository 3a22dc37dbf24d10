"""Pieces of the test-model build: the synthetic corpus, the trainer and the argos packager."""
