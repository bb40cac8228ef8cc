# /datasets: what is indexed, and the published facts about each dataset.

datasets-title = Indexed datasets
datasets-total = { $tracks } tracks from { $datasets } datasets.
datasets-entry = { $tracks } tracks · { $artists } artists
    Licence: { $licence }
    { $source } · updated { $updated }
datasets-source = Source
datasets-recent = Recent changes
datasets-recent-line = • { $when }: { $changes }
change-added = { $name } added
change-removed = { $name } removed
change-changed = { $name } updated
change-unchanged = { $name } unchanged

facts-title = Facts as published, with sources
facts-continued = Facts as published, with sources (continued)
facts-intro = Each fact as its publisher states it, linked to the page it was read from, with the date it was checked. A fact nobody could check says so.
facts-unreadable = The facts could not be read: { $problem }
facts-none = **Unverified**: no facts recorded in the manifest.
fact-verified = { $label }: { $value } (checked { $checked })
fact-unverified-value = { $label }: { $value } — **unverified**: { $why }
fact-unverified = { $label }: **unverified**: { $why }
fact-no-source = no source recorded
