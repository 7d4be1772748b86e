package io.barelb.api.ipam.block;

import java.util.Arrays;

/** A binary min-heap of {@code long}s in one array (8 bytes per element plus growth slack). Not thread-safe. */
final class LongMinHeap {

    private long[] heap = new long[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
        if (heap.length > 16) {
            heap = new long[16];
        }
    }

    void push(long value) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= value) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = value;
    }

    /** Removes and returns the smallest element; the heap must not be empty. */
    long poll() {
        long top = heap[0];
        long last = heap[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return top;
    }

    /** Replaces the content with the first {@code count} values of {@code values} (heapified in place). */
    void rebuild(long[] values, int count) {
        heap = values.length >= 16 ? values : Arrays.copyOf(values, 16);
        size = count;
        for (int i = (count >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** Bytes held by the array, for footprint reports. */
    long retainedBytes() {
        return 16L + 8L * heap.length;
    }

    private void siftDown(int i) {
        long value = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (value <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = value;
    }
}
