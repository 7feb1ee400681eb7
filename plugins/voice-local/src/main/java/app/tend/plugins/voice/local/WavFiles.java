package app.tend.plugins.voice.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads how long a RIFF/WAVE file plays from its header: the data chunk's size over the byte rate. */
final class WavFiles {

  /** The duration in milliseconds. */
  static long durationMillis(Path wav) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.remaining() < 12 || bytes.getInt(0) != 0x46464952 || bytes.getInt(8) != 0x45564157) {
      throw new IOException(wav + " is not a RIFF/WAVE file");
    }
    int byteRate = -1;
    int position = 12;
    while (position + 8 <= bytes.limit()) {
      int id = bytes.getInt(position);
      long size = Integer.toUnsignedLong(bytes.getInt(position + 4));
      if (id == 0x20746d66) { // "fmt "
        byteRate = bytes.getInt(position + 16);
      } else if (id == 0x61746164) { // "data"
        if (byteRate <= 0) {
          throw new IOException(wav + " has its data before a valid fmt chunk");
        }
        // espeak-ng writing to a pipe leaves the size at 0xFFFFFFFF; then the data runs to the end.
        long dataBytes = Math.min(size, bytes.limit() - position - 8L);
        return dataBytes * 1000 / byteRate;
      }
      position += 8 + (int) (size + (size & 1));
    }
    throw new IOException(wav + " has no data chunk");
  }

  private WavFiles() {}
}
