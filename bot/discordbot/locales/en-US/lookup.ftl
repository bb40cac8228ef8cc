# The answer to /lookup artist and /lookup song, and the pages of all tracks.

lookup-title-artist = Artist: { $name }
lookup-title-song = Song: { $name }
lookup-score = Match **{ $score }%** for “{ $query }”
lookup-uncertain = ⚠️ Not an exact match: is this who you meant? See *Did you mean* below.
lookup-total = **{ $tracks }** { $tracks ->
        [one] track
       *[other] tracks
    } in **{ $holders }** of { $datasets } indexed datasets.
lookup-samples = Sample tracks
lookup-did-you-mean = Did you mean
lookup-other-matches = Other matches
lookup-other-line = • { $name } — { $score }%, { $tracks } tracks
lookup-not-found-title-artist = Artist not found
lookup-not-found-title-song = Song not found
lookup-not-found = “{ $query }” is not found in any indexed dataset.
lookup-near-misses = Near misses (too different to be the same name)
lookup-near-miss-line = • { $name } — { $score }%

# Where one name is credited to several artist ids in a dataset.
identity-shared = { $count } different { $kind ->
        [youtube_channel] YouTube Music channels
        [spotify_artist] Spotify artists
        [youtube_video] YouTube videos
        [spotify_track] Spotify tracks
       *[fma_track] FMA tracks
    } are credited as { $name } in { $dataset }
identity-line = • { $id } — { $tracks } { $tracks ->
        [one] track
       *[other] tracks
    }
identity-line-titles = • { $id } — { $tracks } { $tracks ->
        [one] track
       *[other] tracks
    }: { $titles }
identity-hint = `/lookup link` with one of these shows only its tracks.

# One track: title (linked), artists, the dataset's id.
sample-line = • { $title } — { $artists } · `{ $dataset }`
sample-line-demo = • { $title } — { $artists } · `{ $dataset }` (demo)

tracks-title-artist = Artist: { $name } — all tracks
tracks-title-song = Song: { $name } — all tracks
tracks-page-empty = No tracks on this page.
page-of = Page { $page } of { $pages }

# A count of tracks in one dataset.
count-tracks-bold = **{ $tracks }** { $tracks ->
        [one] track
       *[other] tracks
    }
dataset-demo = { $name } (demo)
list-more = … and { $count } more

footer-built = Index built { $when }
footer-demo = demo data, fictional
disclaimer = Dataset metadata, not proof of what any company trained on.

lookup-nothing = There is nothing to look up in that: type a name with at least one letter, digit or symbol.
