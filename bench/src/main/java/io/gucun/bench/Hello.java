package io.gucun.bench;

/**
 * P7's baseline: the smallest Java program, started with the services' JVM flags. It says when it is running (by
 * the same clock the services' logs use) and then idles until its input closes, so its RSS can be read.
 */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("hello " + System.currentTimeMillis());
        System.out.flush();
        while (System.in.read() >= 0) {
            // idle until the harness closes our input
        }
    }
}
