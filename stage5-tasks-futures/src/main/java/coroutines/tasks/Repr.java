package coroutines.tasks;

/**
 * Plumbing, not a lesson file: how a {@link Future} or a {@link Task} shows itself, as asyncio's repr
 * does ({@code <Future pending>}, {@code <Task pending wait_for=<Future pending>>}). JShell prints it,
 * and the refusals' messages name the future with it.
 */
final class Repr {

    private Repr() {
    }

    static String of(Future<?> future) {
        return "<" + future.getClass().getSimpleName() + " " + state(future) + ">";
    }

    private static String state(Future<?> future) {
        if (future instanceof Task<?> task && !task.isDone()) {
            return task.stepping ? "pending running" : "pending wait_for=" + task.waitingFor;
        }
        return switch (future.state()) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FINISHED -> future.failure() != null ? "finished exception=" + future.failure()
                    : "finished result=" + future.result();
        };
    }
}
