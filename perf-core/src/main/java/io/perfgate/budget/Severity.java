package io.perfgate.budget;

/** What a broken budget line does to the build: fail it, or only warn. */
public enum Severity { FAIL, WARN }
