package io.perfgate.budget;

/**
 * A text that counts the characters a regular expression looks at, and stops the search when a budget
 * shared by several texts runs out: {@link java.util.regex.Matcher} reads its input only through
 * {@link #charAt}, so the count is the search's work, the same on every machine.
 */
final class CountedText implements CharSequence {

    /** The budget ran out; carries no stack trace, it is caught at once. */
    static final class Exhausted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("the budget of steps ran out", null, false, false);
        }
    }

    private String text = "";
    private long stepsLeft;

    CountedText(long steps) {
        this.stepsLeft = steps;
    }

    /** This, now over {@code text}, with what is left of the budget. */
    CountedText over(String text) {
        this.text = text;
        return this;
    }

    @Override
    public char charAt(int index) {
        if (--stepsLeft < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
