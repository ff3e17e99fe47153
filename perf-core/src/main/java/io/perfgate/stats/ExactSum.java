package io.perfgate.stats;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The exact sum of doubles, rounded once when read: the value is the same whatever the order the
 * values came in and however they were split into sums that were then added, so the results of a file
 * read in parts on several threads and merged are bit for bit those of one thread reading it whole.
 *
 * <p>Held as a fixed-point integer in units of 2<sup>-1074</sup> (the smallest double), in 32-bit
 * digits kept in longs: a value adds its 53-bit significand into the two or three digits it covers,
 * and the room above each digit takes the carries of 2<sup>30</sup> values before they are passed on.
 * Reading the sum rounds the integer to the nearest double (ties to even), as one addition of two
 * doubles would.
 */
final class ExactSum {

    /** Covers every finite double (2,098 bits) and the carries of 2^64 of the largest. */
    private static final int DIGITS = 70;
    private static final int SCALE = -1074;
    private static final long DIGIT_MASK = 0xFFFF_FFFFL;
    /** Values added between carries: each moves a digit by less than 2^32, a long holds 2^63. */
    private static final int CARRY_EVERY = 1 << 30;

    private final int carryEvery;
    /** Null until the first non-zero value. */
    private long[] digits;
    private int sinceCarry;

    ExactSum() {
        this(CARRY_EVERY);
    }

    /** @param carryEvery values added between carries, at most {@value #CARRY_EVERY}; fewer for tests */
    ExactSum(int carryEvery) {
        this.carryEvery = Math.min(carryEvery, CARRY_EVERY);
    }

    void add(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int exponent = (int) (bits >>> 52) & 0x7ff;
        long significand = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0) {
            if (significand == 0) {
                return; // zero adds nothing
            }
            exponent = 1; // subnormal: no hidden bit, the smallest exponent
        } else {
            significand |= 1L << 52;
        }
        if (digits == null) {
            digits = new long[DIGITS];
        }
        if (++sinceCarry >= carryEvery) {
            carry();
            sinceCarry = 1;
        }
        // value = significand * 2^(exponent - 1075) = significand * 2^(exponent - 1) units
        int shift = exponent - 1;
        int index = shift >>> 5;
        int low = shift & 31;
        long first = (significand << low) & DIGIT_MASK;
        long second = (significand >>> (32 - low)) & DIGIT_MASK;
        long third = (significand >>> 1) >>> (63 - low); // the bits from 64 up; none when low is 0
        if (bits < 0) {
            digits[index] -= first;
            digits[index + 1] -= second;
            digits[index + 2] -= third;
        } else {
            digits[index] += first;
            digits[index + 1] += second;
            digits[index + 2] += third;
        }
    }

    void add(ExactSum other) {
        if (other.digits == null) {
            return;
        }
        if (digits == null) {
            digits = new long[DIGITS];
        }
        carry();
        long[] theirs = other.digits.clone();
        carry(theirs);
        for (int i = 0; i < DIGITS; i++) {
            digits[i] += theirs[i];
        }
        sinceCarry = 2; // each digit below the top moved by less than 2^33: two values' worth
    }

    /** The sum rounded to the nearest double, ties to even; infinite only when it is beyond every double. */
    double value() {
        if (digits == null) {
            return 0;
        }
        long[] normal = digits.clone();
        carry(normal);
        BigInteger exact = BigInteger.valueOf(normal[DIGITS - 1]);
        for (int i = DIGITS - 2; i >= 0; i--) {
            exact = exact.shiftLeft(32).or(BigInteger.valueOf(normal[i]));
        }
        BigInteger magnitude = exact.abs();
        int length = magnitude.bitLength();
        double rounded;
        if (length <= 62) {
            // at most 53 bits is exact; more rounds once in the conversion, and the result is a normal double
            rounded = Math.scalb((double) magnitude.longValue(), SCALE);
        } else {
            int dropped = length - 62;
            long top = magnitude.shiftRight(dropped).longValue();
            if (magnitude.getLowestSetBit() < dropped) {
                top |= 1; // sticky: below the rounding position, it only breaks ties
            }
            rounded = Math.scalb((double) top, dropped + SCALE);
        }
        return exact.signum() < 0 ? -rounded : rounded;
    }

    private void carry() {
        carry(digits);
    }

    /** Passes each digit's carry up, leaving every digit but the top one in [0, 2^32). */
    private static void carry(long[] digits) {
        for (int i = 0; i < DIGITS - 1; i++) {
            long carry = digits[i] >> 32;
            digits[i] -= carry << 32;
            digits[i + 1] += carry;
        }
    }

    @Override
    public String toString() {
        return "ExactSum[" + value() + (digits == null ? "" : ", " + Arrays.stream(digits).filter(d -> d != 0).count()
                + " digits in use") + "]";
    }

    /** Accumulators take finite sample values only: NaN or infinity would poison every statistic. */
    static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("sample value " + value + " is not a finite number");
        }
    }
}
