package dev.lector.result;

/** Right angles, the only page rotations and line orientations Lector reports. */
public final class Rotation {
    private Rotation() {}

    public static boolean isRightAngle(int degrees) {
        return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270;
    }

    /** {@code degrees} brought into 0..359. */
    public static int normalize(int degrees) {
        return ((degrees % 360) + 360) % 360;
    }
}
