"""TrainedOn: is your music in the public datasets used to train music-generating AI?"""

__version__ = "0.1.0"
