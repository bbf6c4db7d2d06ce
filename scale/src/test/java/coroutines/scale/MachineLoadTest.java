package coroutines.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a run counts as disturbed by load, and how the figures read, fed with load figures. */
class MachineLoadTest {

    @Test
    void others_taking_a_quarter_of_the_cores_disturb_a_run_and_less_does_not() {
        assertThat(new MachineLoad.Load(1.0, 2, 750, 1_500).disturbed()).isTrue();
        assertThat(new MachineLoad.Load(1.0, 2, 740, 1_500).disturbed()).isFalse();
    }

    @Test
    void a_load_average_raised_by_the_client_s_own_threads_is_not_a_disturbance_when_others_are_known() {
        // given: 10,000 platform threads push the load average far past the cores, but nobody else ran
        MachineLoad.Load ownThreads = new MachineLoad.Load(9.5, 2, 40, 20_000);

        assertThat(ownThreads.disturbed()).isFalse();
    }

    @Test
    void without_the_others_cpu_the_load_average_beyond_the_cores_decides() {
        assertThat(new MachineLoad.Load(2.5, 2, -1, 1_500).disturbed()).isTrue();
        assertThat(new MachineLoad.Load(1.9, 2, -1, 1_500).disturbed()).isFalse();
        assertThat(MachineLoad.Load.unknown(2).disturbed()).isFalse();
    }

    @Test
    void says_its_figures_and_unknown_where_they_are() {
        assertThat(new MachineLoad.Load(5.2, 2, 1_830, 1_500).describe())
                .isEqualTo("load average 5.20 on 2 cores; other processes used 1,830 ms of CPU in this 1,500 ms run");
        assertThat(MachineLoad.Load.unknown(1).describe())
                .isEqualTo("load average unknown on 1 core; other processes' CPU unknown");
    }

    @Test
    void others_are_the_machine_s_busy_time_less_the_benchmark_its_reaped_client_and_the_hosts() {
        // given: 3,000 ms of busy cores, of which the benchmark and its client 1,200 ms and the hosts 600 ms
        MachineLoad.Sample before = new MachineLoad.Sample(0, 0.5, 10_000, 2_000);
        MachineLoad.Sample after = new MachineLoad.Sample(1_500_000_000L, 3.1, 13_000, 3_200);

        MachineLoad.Load load = MachineLoad.between(before, after, 600, 2);

        assertThat(load).isEqualTo(new MachineLoad.Load(3.1, 2, 1_200, 1_500));
    }

    @Test
    void a_figure_proc_could_not_read_leaves_the_others_unknown() {
        MachineLoad.Sample before = new MachineLoad.Sample(0, -1, -1, -1);
        MachineLoad.Sample after = new MachineLoad.Sample(1_000_000_000L, -1, -1, -1);

        assertThat(MachineLoad.between(before, after, 600, 2)).isEqualTo(new MachineLoad.Load(-1, 2, -1, 1_000));
    }
}
