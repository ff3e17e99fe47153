package io.perfgate.diag;

/** How an adapter writes an {@link Option} in the messages its users read. */
@FunctionalInterface
public interface OptionSpelling {

    /** Options by their neutral keys, for callers that are not one of the adapters. */
    OptionSpelling KEYS = Option::key;

    String spell(Option option);
}
