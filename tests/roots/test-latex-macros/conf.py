# The test passes the edition's own latex_elements and latex_additional_files as confoverrides.
project = "Macros"
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "macros.tex", "A headline ‘quoted’", "Editors", "howto")]
