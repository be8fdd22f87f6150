using System.Buffers.Binary;
using System.Security.Cryptography;
using AppealStudio.Data.Operations;

namespace AppealStudio.Data.Protection;

/// <summary>
/// <c>db backup</c> output encrypted with the data key (ADR 0082), streamed in 1 MiB chunks so a database of any size
/// is never held in memory: a header (<c>ASBK</c>, version 1, the key id, an 8-byte random nonce prefix), then chunks
/// of <c>length | tag | ciphertext</c>, each sealed with AES-256-GCM under a key derived for backups, its number in the
/// nonce and whether it is the last in the associated data. Reordered, altered, truncated or extended files fail to
/// restore, as does a backup made under a key that is not configured (named by its id).
/// </summary>
public sealed class BackupEncryption(FieldCipher cipher) : IBackupStreamTransform
{
    internal static readonly byte[] Magic = "ASBK"u8.ToArray();
    internal const byte Version = 1;
    internal const int HeaderLength = 4 + 1 + FieldKey.KeyIdLength + 8;
    internal const int ChunkSize = 1024 * 1024;
    internal const int TagLength = 16;
    private const string BackupPurpose = "AppealStudio backup encryption v1";

    public Stream Wrap(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var key = cipher.Keys.Current;
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        header[4] = Version;
        key.Id.CopyTo(header, 5);
        RandomNumberGenerator.Fill(header.AsSpan(5 + FieldKey.KeyIdLength));
        output.Write(header);
        return new Writer(output, new AesGcm(key.Derive(BackupPurpose), TagLength), header);
    }

    public Stream Unwrap(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = new byte[HeaderLength];
        if (input.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength || !header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidOperationException(
                "The file is not an encrypted AppealStudio backup (backups are encrypted since ADR 0082); nothing was restored.");
        }

        if (header[4] != Version)
        {
            throw new InvalidOperationException($"The backup's format version {header[4]} is unknown to this build; nothing was restored.");
        }

        var id = header.AsSpan(5, FieldKey.KeyIdLength);
        var key = cipher.Keys.Find(id) ?? throw new InvalidOperationException(
            $"The backup was encrypted with key {Convert.ToHexString(id).ToLowerInvariant()}, which is not configured " +
            $"(the current key is {cipher.Keys.Current.IdText}, from {cipher.Keys.Current.Source}); nothing was restored. " +
            "Configure the key it was made with as Encryption:KeyFile or in Encryption:PreviousKeyFiles.");
        return new Reader(input, new AesGcm(key.Derive(BackupPurpose), TagLength), header);
    }

    private static byte[] Nonce(ReadOnlySpan<byte> header, uint chunk)
    {
        var nonce = new byte[12];
        header.Slice(5 + FieldKey.KeyIdLength, 8).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), chunk);
        return nonce;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, bool last) => [.. header, last ? (byte)1 : (byte)0];

    /// <summary>Buffers one chunk and seals it when full; disposing seals the last (possibly empty) chunk.</summary>
    private sealed class Writer(Stream output, AesGcm aes, byte[] header) : Stream
    {
        private readonly byte[] buffer = new byte[ChunkSize];
        private int filled;
        private uint chunk;
        private bool finished;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => !finished;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> data)
        {
            ObjectDisposedException.ThrowIf(finished, this);
            while (data.Length > 0)
            {
                // A full buffer is sealed only when more data comes, so the last chunk is always the one sealed as last.
                if (filled == ChunkSize)
                {
                    Emit(last: false);
                }

                var take = Math.Min(data.Length, ChunkSize - filled);
                data[..take].CopyTo(buffer.AsSpan(filled));
                filled += take;
                data = data[take..];
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        private void Emit(bool last)
        {
            var frame = new byte[4 + TagLength + filled];
            BinaryPrimitives.WriteInt32BigEndian(frame, filled);
            aes.Encrypt(Nonce(header, chunk), buffer.AsSpan(0, filled), frame.AsSpan(4 + TagLength), frame.AsSpan(4, TagLength), AssociatedData(header, last));
            output.Write(frame);
            chunk = checked(chunk + 1);
            filled = 0;
        }

        public override void Flush() => output.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !finished)
            {
                Emit(last: true);
                output.Flush();
                finished = true;
                aes.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Opens chunk after chunk; an altered chunk, a missing last chunk or bytes after it are errors.</summary>
    private sealed class Reader(Stream input, AesGcm aes, byte[] header) : Stream
    {
        private byte[] plain = [];
        private int position;
        private uint chunk;
        private bool sawLast;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            while (position == plain.Length)
            {
                if (sawLast)
                {
                    return 0;
                }

                NextChunk();
            }

            var take = Math.Min(destination.Length, plain.Length - position);
            plain.AsSpan(position, take).CopyTo(destination);
            position += take;
            return take;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        private void NextChunk()
        {
            var prefix = new byte[4 + TagLength];
            if (input.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length)
            {
                throw new InvalidOperationException("The backup is cut short (its last part is missing); nothing was restored.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
            if (length is < 0 or > ChunkSize)
            {
                throw new InvalidOperationException("The backup is damaged (a part has an impossible length); nothing was restored.");
            }

            var cipherText = new byte[length];
            if (input.ReadAtLeast(cipherText, length, throwOnEndOfStream: false) < length)
            {
                throw new InvalidOperationException("The backup is cut short (its last part is missing); nothing was restored.");
            }

            plain = new byte[length];
            position = 0;
            // Whether this is the last chunk is authenticated: try as the last one when nothing follows it.
            var last = length < ChunkSize || input.CanSeek && input.Position == input.Length;
            if (!TryOpen(prefix, cipherText, last) && !TryOpen(prefix, cipherText, !last))
            {
                throw new InvalidOperationException(
                    "The backup does not authenticate under its key: it was altered, or made with another key of the same id; nothing was restored.");
            }

            chunk = checked(chunk + 1);
            if (sawLast && input.ReadByte() >= 0)
            {
                throw new InvalidOperationException("The backup has data after its last part (it was altered); nothing was restored.");
            }
        }

        private bool TryOpen(byte[] prefix, byte[] cipherText, bool last)
        {
            try
            {
                aes.Decrypt(Nonce(header, chunk), cipherText, prefix.AsSpan(4, TagLength), plain, AssociatedData(header, last));
                sawLast = last;
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
