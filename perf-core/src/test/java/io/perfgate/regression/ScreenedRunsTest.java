package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScreenedRunsTest {

    private static final double LEVEL = 0.001;

    @Test
    void shouldKeepEveryRunOfAnOrdinaryBaseline() {
        double[] values = logs(490, 497, 501, 488, 494, 499, 492, 496, 503, 485);

        ScreenedRuns screened = ScreenedRuns.screen(values, LEVEL);

        assertThat(screened.excluded()).isZero();
        assertThat(screened.kept()).isEqualTo(10);
        assertThat(screened.mean()).isCloseTo(mean(values), within(1e-12));
    }

    @Test
    void shouldLeaveOutOneHiccupRun() {
        double[] values = logs(490, 497, 501, 488, 494, 499, 492, 496, 503, 800);

        ScreenedRuns screened = ScreenedRuns.screen(values, LEVEL);

        assertThat(screened.excluded()).isEqualTo(1);
        assertThat(Math.exp(screened.mean())).isCloseTo(495.5, within(1.0));
        assertThat(screened.spread()).isLessThan(0.02);
    }

    @Test
    void shouldLeaveOutTwoHiccupRunsThatWouldMaskEachOther() {
        double[] values = logs(490, 497, 501, 488, 494, 499, 492, 700, 496, 503, 720);

        ScreenedRuns screened = ScreenedRuns.screen(values, LEVEL);

        assertThat(screened.excluded()).isEqualTo(2);
        assertThat(screened.kept()).isEqualTo(9);
    }

    @Test
    void shouldNeverLeaveOutMoreThanAFifth() {
        double[] values = logs(500, 500, 500, 500, 900, 950, 1000, 1100, 1200, 1300);

        assertThat(ScreenedRuns.screen(values, LEVEL).excluded()).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldReportZeroSpreadForIdenticalRuns() {
        ScreenedRuns screened = ScreenedRuns.screen(logs(500, 500, 500, 500, 500), LEVEL);

        assertThat(screened.spread()).isZero();
        assertThat(screened.excluded()).isZero();
    }

    @Test
    void shouldRarelyLeaveOutANormalRun() {
        Random random = new Random(3);
        int screenedOut = 0;
        for (int trial = 0; trial < 5_000; trial++) {
            double[] values = new double[20];
            for (int i = 0; i < values.length; i++) {
                values[i] = 0.03 * random.nextGaussian();
            }
            screenedOut += ScreenedRuns.screen(values, LEVEL).excluded() > 0 ? 1 : 0;
        }
        assertThat(screenedOut).isLessThanOrEqualTo(15);
    }

    private static double[] logs(double... values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
