"""The monthly review: plan the pages, run the review notebook per page in worker processes, export HTML.

``run`` plans the jobs and runs the workers; ``kernels`` starts the notebooks' kernels early; ``snapshot``
shares one loaded workspace with them; ``notebook`` is what the review notebook calls; ``render`` puts the
sections of ``cxgov.report`` together into a ``page``; ``export`` turns the executed notebook into HTML.
See docs/review.md.
"""
